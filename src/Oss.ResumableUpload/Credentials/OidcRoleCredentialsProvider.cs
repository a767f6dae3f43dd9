using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Oss.ResumableUpload.Credentials;

namespace Oss.ResumableUpload;

/// <summary>
/// Assumes a RAM role with an OIDC token (STS <c>AssumeRoleWithOIDC</c>), the way pods on ACK get credentials through
/// RRSA, and assumes it again before the credentials expire.
/// </summary>
/// <remarks>
/// <para>
/// The call is anonymous: the OIDC token proves the identity, so no access key signs it. The token file is read on
/// every refresh, since the platform rotates it. The token never appears in a message or a log.
/// </para>
/// <para>
/// Concurrent callers share one refresh; a refresh that fails while the cached credentials are still valid keeps them.
/// Failures throw <see cref="OssClientException"/> with <see cref="OssClientErrorCode.CredentialsUnavailable"/>.
/// </para>
/// </remarks>
public sealed class OidcRoleCredentialsProvider : IOssCredentialsProvider
{
    /// <summary>The variable that holds the ARN of the role to assume.</summary>
    public const string RoleArnVariable = "ALIBABA_CLOUD_ROLE_ARN";

    /// <summary>The variable that holds the ARN of the OIDC identity provider.</summary>
    public const string OidcProviderArnVariable = "ALIBABA_CLOUD_OIDC_PROVIDER_ARN";

    /// <summary>The variable that holds the path of the OIDC token file.</summary>
    public const string OidcTokenFileVariable = "ALIBABA_CLOUD_OIDC_TOKEN_FILE";

    /// <summary>The variable that holds the role session name.</summary>
    public const string RoleSessionNameVariable = "ALIBABA_CLOUD_ROLE_SESSION_NAME";

    /// <summary>The variable that selects the regional STS endpoint.</summary>
    public const string StsRegionVariable = "ALIBABA_CLOUD_STS_REGION";

    /// <summary>The variable that, set to <c>true</c>, selects the VPC STS endpoint of <see cref="StsRegionVariable"/>'s region.</summary>
    public const string VpcEndpointVariable = "ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED";

    private const string Service = "STS (AssumeRoleWithOIDC)";

    /// <summary>An OIDC token is at most 20,000 characters.</summary>
    private const int MaxTokenFileBytes = 64 * 1024;

    private readonly OidcRoleCredentialsProviderOptions _options;
    private readonly HttpClient _httpClient;
    private readonly string _roleArn;
    private readonly string _oidcProviderArn;
    private readonly string _tokenFilePath;
    private readonly string _roleSessionName;
    private readonly Uri _endpoint;
    private readonly CredentialsRefresher _refresher;

    /// <summary>Initializes a provider from the RRSA environment variables.</summary>
    /// <exception cref="ArgumentException">A required variable is not set.</exception>
    public OidcRoleCredentialsProvider()
        : this(new OidcRoleCredentialsProviderOptions())
    {
    }

    /// <summary>Initializes a provider.</summary>
    /// <param name="options">The provider's options; null values are read from the environment.</param>
    /// <exception cref="ArgumentException">A required value is neither given nor set in the environment, or an option is invalid.</exception>
    public OidcRoleCredentialsProvider(OidcRoleCredentialsProviderOptions options)
        : this(options, Environment.GetEnvironmentVariable)
    {
    }

    internal OidcRoleCredentialsProvider(OidcRoleCredentialsProviderOptions options, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        options.Validate();
        _options = options;
        _httpClient = options.HttpClient ?? CredentialsHttp.Proxied;
        _roleArn = Resolve(options.RoleArn, environment, RoleArnVariable, nameof(options.RoleArn));
        _oidcProviderArn = Resolve(options.OidcProviderArn, environment, OidcProviderArnVariable, nameof(options.OidcProviderArn));
        _tokenFilePath = Resolve(options.OidcTokenFilePath, environment, OidcTokenFileVariable, nameof(options.OidcTokenFilePath));
        string? sessionName = string.IsNullOrWhiteSpace(options.RoleSessionName) ? environment(RoleSessionNameVariable) : options.RoleSessionName;
        _roleSessionName = string.IsNullOrWhiteSpace(sessionName)
            ? "oss-resumableupload-" + options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)
            : sessionName.Trim();
        _endpoint = options.StsEndpoint ?? EndpointFromEnvironment(environment);
        ILogger logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger(OssDiagnostics.LogCategories.Credentials);
        _refresher = new CredentialsRefresher(FetchAsync, options.TimeProvider, options.RefreshAhead, logger, nameof(OidcRoleCredentialsProvider));
    }

    /// <summary>Gets a value indicating whether the three RRSA variables are set, which is when <see cref="DefaultCredentialsProvider"/> tries this provider.</summary>
    internal static bool IsConfigured(Func<string, string?> environment)
        => !string.IsNullOrWhiteSpace(environment(RoleArnVariable))
           && !string.IsNullOrWhiteSpace(environment(OidcProviderArnVariable))
           && !string.IsNullOrWhiteSpace(environment(OidcTokenFileVariable));

    /// <inheritdoc />
    /// <exception cref="OssClientException">The token file could not be read, or STS could not be reached, refused, or sent an unusable reply, and no cached credentials are still valid.</exception>
    public ValueTask<OssCredentials> GetCredentialsAsync(CancellationToken cancellationToken = default)
        => _refresher.GetAsync(cancellationToken);

    private async Task<OssCredentials> FetchAsync(CancellationToken cancellationToken)
    {
        string token = await ReadTokenAsync(cancellationToken).ConfigureAwait(false);
        string timestamp = _options.TimeProvider.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var uri = new Uri(_endpoint, "?Action=AssumeRoleWithOIDC&Format=JSON&Version=2015-04-01&Timestamp=" + Uri.EscapeDataString(timestamp));
        var form = new List<KeyValuePair<string, string>>
        {
            new("RoleArn", _roleArn),
            new("OIDCProviderArn", _oidcProviderArn),
            new("OIDCToken", token),
            new("RoleSessionName", _roleSessionName),
            new("DurationSeconds", ((long)_options.SessionDuration.TotalSeconds).ToString(CultureInfo.InvariantCulture)),
        };
        if (!string.IsNullOrEmpty(_options.Policy))
        {
            form.Add(new("Policy", _options.Policy));
        }

        var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new FormUrlEncodedContent(form) };
        CredentialsReply reply = await CredentialsHttp.SendAsync(_httpClient, request, _options.RequestTimeout, _options.TimeProvider, Service, cancellationToken).ConfigureAwait(false);
        var document = CredentialsJson.Read(reply.Body, "Credentials");
        if (!reply.IsSuccess)
        {
            Dictionary<string, string>? error = document?.Top;
            throw CredentialsHttp.Failure(
                $"{Service} refused the request: {(int)reply.StatusCode} {Field(error, "Code")}, RequestId {Field(error, "RequestId")}: {Field(error, "Message", token)}");
        }

        if (document?.Nested is not { } credentials)
        {
            throw CredentialsHttp.Failure($"{Service} sent a reply without a Credentials object (RequestId {Field(document?.Top, "RequestId")}).");
        }

        return TemporaryCredentials.FromReply(credentials, Service);
    }

    private async Task<string> ReadTokenAsync(CancellationToken cancellationToken)
    {
        try
        {
            var info = new FileInfo(_tokenFilePath);
            if (info.Exists && info.Length > MaxTokenFileBytes)
            {
                throw CredentialsHttp.Failure($"The OIDC token file '{_tokenFilePath}' is larger than {MaxTokenFileBytes} bytes.");
            }

            string token = (await File.ReadAllTextAsync(_tokenFilePath, cancellationToken).ConfigureAwait(false)).Trim();
            return token.Length == 0
                ? throw CredentialsHttp.Failure($"The OIDC token file '{_tokenFilePath}' is empty.")
                : token;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw CredentialsHttp.Failure($"The OIDC token file '{_tokenFilePath}' could not be read: {ex.GetType().Name}.", ex);
        }
    }

    private static string Resolve(string? value, Func<string, string?> environment, string variable, string option)
    {
        string? resolved = string.IsNullOrWhiteSpace(value) ? environment(variable) : value;
        return string.IsNullOrWhiteSpace(resolved)
            ? throw new ArgumentException($"OidcRoleCredentialsProviderOptions.{option} is not set, and neither is the variable {variable}.", "options")
            : resolved.Trim();
    }

    private static Uri EndpointFromEnvironment(Func<string, string?> environment)
    {
        string? region = environment(StsRegionVariable)?.Trim();
        if (string.IsNullOrEmpty(region))
        {
            return OidcRoleCredentialsProviderOptions.DefaultStsEndpoint;
        }

        bool vpc = string.Equals(environment(VpcEndpointVariable), "true", StringComparison.OrdinalIgnoreCase);
        return Uri.TryCreate($"https://{(vpc ? "sts-vpc" : "sts")}.{region}.aliyuncs.com/", UriKind.Absolute, out Uri? endpoint) && endpoint.Host.EndsWith(".aliyuncs.com", StringComparison.Ordinal)
            ? endpoint
            : throw new ArgumentException($"The variable {StsRegionVariable} does not hold a region id.", "options");
    }

    /// <summary>A reply field for a message: the OIDC token, should the server echo it, replaced before truncation.</summary>
    private static string Field(Dictionary<string, string>? values, string name, string? secret = null)
    {
        if (values is null || !values.TryGetValue(name, out string? value) || value.Length == 0)
        {
            return "(none)";
        }

        if (secret is not null)
        {
            value = value.Replace(secret, "***", StringComparison.Ordinal);
        }

        return value.Length <= 200 ? value : value[..200] + "...";
    }
}
