using Microsoft.Extensions.Logging;

namespace Oss.ResumableUpload.Credentials;

/// <summary>
/// What the composite providers (<see cref="DefaultCredentialsProvider"/>, <see cref="CredentialsFileProvider"/>) hand
/// to the providers they create: where variables come from, the clock, the logger factory, and (for tests) the
/// addresses of the metadata service and STS.
/// </summary>
internal sealed record CredentialsContext(
    Func<string, string?> Environment,
    TimeProvider TimeProvider,
    ILoggerFactory? LoggerFactory = null,
    HttpClient? HttpClient = null,
    Uri? MetadataEndpoint = null,
    Uri? StsEndpoint = null)
{
    /// <summary>The process's variables and clock, no logging, the real endpoints.</summary>
    public static CredentialsContext Process { get; } = new(System.Environment.GetEnvironmentVariable, TimeProvider.System);

    public EcsRamRoleCredentialsProvider CreateEcs(string? roleName)
        => new(
            new EcsRamRoleCredentialsProviderOptions
            {
                RoleName = roleName,
                MetadataEndpoint = MetadataEndpoint ?? EcsRamRoleCredentialsProviderOptions.DefaultMetadataEndpoint,
                HttpClient = HttpClient,
                TimeProvider = TimeProvider,
                LoggerFactory = LoggerFactory,
            },
            Environment);

    public OidcRoleCredentialsProvider CreateOidc(string? roleArn = null, string? oidcProviderArn = null, string? tokenFilePath = null, string? roleSessionName = null)
        => new(
            new OidcRoleCredentialsProviderOptions
            {
                RoleArn = roleArn,
                OidcProviderArn = oidcProviderArn,
                OidcTokenFilePath = tokenFilePath,
                RoleSessionName = roleSessionName,
                StsEndpoint = StsEndpoint,
                HttpClient = HttpClient,
                TimeProvider = TimeProvider,
                LoggerFactory = LoggerFactory,
            },
            Environment);
}
