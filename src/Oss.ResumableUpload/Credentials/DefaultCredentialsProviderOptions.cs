using Microsoft.Extensions.Logging;

namespace Oss.ResumableUpload;

/// <summary>Configures a <see cref="DefaultCredentialsProvider"/>.</summary>
public sealed class DefaultCredentialsProviderOptions
{
    /// <summary>Gets the factory for the loggers of the chain and of the providers it creates (category <see cref="OssDiagnostics.LogCategories.Credentials"/>).</summary>
    /// <value>Default null: no logging.</value>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>Gets the clock that decides when temporary credentials expire.</summary>
    /// <value>Default <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
