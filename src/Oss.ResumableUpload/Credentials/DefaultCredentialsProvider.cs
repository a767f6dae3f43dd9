using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Oss.ResumableUpload.Credentials;
using Oss.ResumableUpload.Diagnostics;

namespace Oss.ResumableUpload;

/// <summary>
/// Finds credentials the way Alibaba Cloud's own SDKs do, trying in order:
/// <list type="number">
/// <item>the environment (<see cref="EnvironmentCredentialsProvider"/>: <c>OSS_ACCESS_KEY_ID</c>... or <c>ALIBABA_CLOUD_ACCESS_KEY_ID</c>...), when an id variable is set;</item>
/// <item>an OIDC role (<see cref="OidcRoleCredentialsProvider"/>, Kubernetes RRSA), when <c>ALIBABA_CLOUD_ROLE_ARN</c>, <c>ALIBABA_CLOUD_OIDC_PROVIDER_ARN</c> and <c>ALIBABA_CLOUD_OIDC_TOKEN_FILE</c> are set;</item>
/// <item>the shared credentials file (<see cref="CredentialsFileProvider"/>), when it exists;</item>
/// <item>the ECS instance RAM role (<see cref="EcsRamRoleCredentialsProvider"/>), unless <c>ALIBABA_CLOUD_ECS_METADATA_DISABLED</c> is <c>true</c>.</item>
/// </list>
/// </summary>
/// <remarks>
/// The first provider that gives credentials is kept for the life of this instance (later calls go to it alone, so
/// its temporary credentials are refreshed); when none does, the exception lists why each failed. Off ECS, the last
/// step waits for the metadata service's timeout (2 s per request): set <c>ALIBABA_CLOUD_ECS_METADATA_DISABLED=true</c>
/// to skip it.
/// </remarks>
public sealed class DefaultCredentialsProvider : IOssCredentialsProvider
{
    private readonly CredentialsContext _context;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _selectLock = new(1, 1);
    private IOssCredentialsProvider? _selected;

    /// <summary>Initializes the chain with no logging and the system clock.</summary>
    public DefaultCredentialsProvider()
        : this(new DefaultCredentialsProviderOptions())
    {
    }

    /// <summary>Initializes the chain.</summary>
    /// <param name="options">The logger factory and clock handed to the providers of the chain.</param>
    public DefaultCredentialsProvider(DefaultCredentialsProviderOptions options)
        : this(new CredentialsContext(
            Environment.GetEnvironmentVariable,
            (options ?? throw new ArgumentNullException(nameof(options))).TimeProvider ?? throw new ArgumentNullException(nameof(options), "TimeProvider must not be null."),
            options.LoggerFactory))
    {
    }

    internal DefaultCredentialsProvider(CredentialsContext context)
    {
        _context = context;
        _logger = (context.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger(OssDiagnostics.LogCategories.Credentials);
    }

    /// <inheritdoc />
    /// <exception cref="OssClientException">No provider of the chain gave credentials (<see cref="OssClientErrorCode.CredentialsUnavailable"/>); the message says why for each.</exception>
    public async ValueTask<OssCredentials> GetCredentialsAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _selected) is { } selected)
        {
            return await selected.GetCredentialsAsync(cancellationToken).ConfigureAwait(false);
        }

        await _selectLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_selected is { } chosen)
            {
                return await chosen.GetCredentialsAsync(cancellationToken).ConfigureAwait(false);
            }

            var reasons = new List<string>();
            foreach ((string name, Func<IOssCredentialsProvider?> create) in Candidates())
            {
                IOssCredentialsProvider? provider;
                try
                {
                    provider = create();
                }
                catch (ArgumentException ex)
                {
                    reasons.Add($"{name}: {ex.Message}");
                    continue;
                }

                if (provider is null)
                {
                    continue;
                }

                try
                {
                    OssCredentials credentials = await provider.GetCredentialsAsync(cancellationToken).ConfigureAwait(false);
                    Volatile.Write(ref _selected, provider);
                    Log.CredentialsChainSelected(_logger, name);
                    return credentials;
                }
                catch (OssClientException ex)
                {
                    Log.CredentialsChainSkipped(_logger, name, ex.Message);
                    reasons.Add($"{name}: {ex.Message}");
                }
            }

            throw new OssClientException(
                OssClientErrorCode.CredentialsUnavailable,
                reasons.Count == 0
                    ? "No credentials found: no access key variables, no RRSA variables, no credentials file, and the ECS metadata service is disabled."
                    : "No credentials found. " + string.Join(" ", reasons));
        }
        finally
        {
            _selectLock.Release();
        }
    }

    /// <summary>The chain, in order; a factory returns null when its provider does not apply.</summary>
    private IEnumerable<(string Name, Func<IOssCredentialsProvider?> Create)> Candidates()
    {
        Func<string, string?> environment = _context.Environment;
        yield return (nameof(EnvironmentCredentialsProvider), () => EnvironmentCredentialsProvider.IsConfigured(environment) ? new EnvironmentCredentialsProvider(environment) : null);
        yield return (nameof(OidcRoleCredentialsProvider), () => OidcRoleCredentialsProvider.IsConfigured(environment) ? _context.CreateOidc() : null);
        yield return (nameof(CredentialsFileProvider), () => CredentialsFileProvider.DefaultPath(environment) is { } path && File.Exists(path) ? new CredentialsFileProvider(path, null, _context) : null);
        yield return (nameof(EcsRamRoleCredentialsProvider), () => string.Equals(environment(EcsRamRoleCredentialsProvider.DisabledVariable), "true", StringComparison.OrdinalIgnoreCase) ? null : _context.CreateEcs(null));
    }
}
