using Microsoft.Extensions.Logging;

namespace Oss.ResumableUpload.Diagnostics;

// The credential providers (category Credentials, event ids 16xx). No message carries a secret, a security token or an OIDC token.
internal static partial class Log
{
    [LoggerMessage(EventId = OssDiagnostics.EventIds.CredentialsObtained, Level = LogLevel.Debug, Message = "{Provider} obtained credentials expiring at {Expiration}")]
    public static partial void CredentialsObtained(ILogger logger, string provider, DateTimeOffset? expiration);

    [LoggerMessage(EventId = OssDiagnostics.EventIds.CredentialsRefreshFailed, Level = LogLevel.Warning, Message = "{Provider} could not refresh credentials; keeping the current ones, valid until {Expiration}: {Reason}")]
    public static partial void CredentialsRefreshFailed(ILogger logger, string provider, DateTimeOffset? expiration, string reason);

    [LoggerMessage(EventId = OssDiagnostics.EventIds.CredentialsChainSelected, Level = LogLevel.Information, Message = "The default credentials chain uses {Provider}")]
    public static partial void CredentialsChainSelected(ILogger logger, string provider);

    [LoggerMessage(EventId = OssDiagnostics.EventIds.CredentialsChainSkipped, Level = LogLevel.Debug, Message = "The default credentials chain skipped {Provider}: {Reason}")]
    public static partial void CredentialsChainSkipped(ILogger logger, string provider, string reason);
}
