using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Oss.ResumableUpload.Credentials;

namespace Oss.ResumableUpload;

/// <summary>
/// Gets the temporary credentials of the RAM role attached to an ECS instance (or an ACK node) from the instance
/// metadata service at <c>http://100.100.100.200</c>, and refreshes them before they expire.
/// </summary>
/// <remarks>
/// <para>
/// Each refresh first asks for a metadata token (<c>PUT /latest/api/token</c> with
/// <c>X-aliyun-ecs-metadata-token-ttl-seconds</c>, IMDSv2) and sends it as <c>X-aliyun-ecs-metadata-token</c>. When
/// the service gives no token the requests go without one (IMDSv1), unless
/// <see cref="EcsRamRoleCredentialsProviderOptions.DisableImdsV1"/> is set. The role name comes from the options, the
/// variable <c>ALIBABA_CLOUD_ECS_METADATA</c>, or the service's own list
/// (<c>/latest/meta-data/ram/security-credentials/</c>); the credentials from
/// <c>/latest/meta-data/ram/security-credentials/{role}</c>.
/// </para>
/// <para>
/// Concurrent callers share one refresh; a refresh that fails while the cached credentials are still valid keeps them.
/// Failures throw <see cref="OssClientException"/> with <see cref="OssClientErrorCode.CredentialsUnavailable"/>.
/// </para>
/// </remarks>
public sealed class EcsRamRoleCredentialsProvider : IOssCredentialsProvider
{
    /// <summary>The variable that names the instance's RAM role.</summary>
    public const string RoleNameVariable = "ALIBABA_CLOUD_ECS_METADATA";

    /// <summary>The variable that, set to <c>true</c>, keeps <see cref="DefaultCredentialsProvider"/> away from the metadata service.</summary>
    public const string DisabledVariable = "ALIBABA_CLOUD_ECS_METADATA_DISABLED";

    /// <summary>The variable that, set to <c>true</c>, refuses requests without a metadata token.</summary>
    public const string ImdsV1DisabledVariable = "ALIBABA_CLOUD_IMDSV1_DISABLED";

    private const string Service = "The ECS metadata service";
    private const string CredentialsPath = "latest/meta-data/ram/security-credentials/";
    private const string TokenHeader = "X-aliyun-ecs-metadata-token";
    private const string TokenTtlHeader = "X-aliyun-ecs-metadata-token-ttl-seconds";
    private const string TokenTtlSeconds = "21600";

    private static readonly System.Buffers.SearchValues<char> s_roleNameCharacters =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-@");

    private readonly EcsRamRoleCredentialsProviderOptions _options;
    private readonly HttpClient _httpClient;
    private readonly Uri _base;
    private readonly bool _disableImdsV1;
    private readonly CredentialsRefresher _refresher;
    private string? _roleName;

    /// <summary>Initializes a provider with the default options: the role from the environment or the metadata service.</summary>
    public EcsRamRoleCredentialsProvider()
        : this(new EcsRamRoleCredentialsProviderOptions())
    {
    }

    /// <summary>Initializes a provider.</summary>
    /// <param name="options">The provider's options.</param>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public EcsRamRoleCredentialsProvider(EcsRamRoleCredentialsProviderOptions options)
        : this(options, Environment.GetEnvironmentVariable)
    {
    }

    internal EcsRamRoleCredentialsProvider(EcsRamRoleCredentialsProviderOptions options, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        options.ValidateEndpoint();
        _options = options;
        _httpClient = options.HttpClient ?? CredentialsHttp.Direct;
        _base = options.MetadataEndpoint.AbsoluteUri.EndsWith('/') ? options.MetadataEndpoint : new Uri(options.MetadataEndpoint.AbsoluteUri + "/");
        _disableImdsV1 = options.DisableImdsV1 || string.Equals(environment(ImdsV1DisabledVariable), "true", StringComparison.OrdinalIgnoreCase);
        string? roleName = string.IsNullOrWhiteSpace(options.RoleName) ? environment(RoleNameVariable) : options.RoleName;
        _roleName = string.IsNullOrWhiteSpace(roleName) ? null : roleName.Trim();
        if (_roleName is not null && !IsValidRoleName(_roleName))
        {
            throw new ArgumentException($"The ECS RAM role name (from the options or {RoleNameVariable}) may hold only letters, digits, '.', '_', '-' and '@', up to 128 characters.", nameof(options));
        }

        ILogger logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger(OssDiagnostics.LogCategories.Credentials);
        _refresher = new CredentialsRefresher(FetchAsync, options.TimeProvider, options.RefreshAhead, logger, nameof(EcsRamRoleCredentialsProvider));
    }

    /// <inheritdoc />
    /// <exception cref="OssClientException">The metadata service could not be reached, refused, or sent an unusable reply, and no cached credentials are still valid.</exception>
    public ValueTask<OssCredentials> GetCredentialsAsync(CancellationToken cancellationToken = default)
        => _refresher.GetAsync(cancellationToken);

    private async Task<OssCredentials> FetchAsync(CancellationToken cancellationToken)
    {
        string? token = await GetMetadataTokenAsync(cancellationToken).ConfigureAwait(false);
        string roleName = _roleName ??= await DiscoverRoleNameAsync(token, cancellationToken).ConfigureAwait(false);
        CredentialsReply reply = await GetAsync(CredentialsPath + Uri.EscapeDataString(roleName), token, cancellationToken).ConfigureAwait(false);
        if (!reply.IsSuccess)
        {
            throw CredentialsHttp.Failure($"{Service} answered {(int)reply.StatusCode} for the credentials of the role '{roleName}'.");
        }

        var document = CredentialsJson.Read(reply.Body)
            ?? throw CredentialsHttp.Failure($"{Service} sent credentials for the role '{roleName}' that are not a JSON object.");
        Dictionary<string, string> values = document.Top;
        if (!values.TryGetValue("Code", out string? code) || !string.Equals(code, "Success", StringComparison.Ordinal))
        {
            throw CredentialsHttp.Failure($"{Service} reported Code '{Truncate(code)}' instead of 'Success' for the role '{roleName}'.");
        }

        return TemporaryCredentials.FromReply(values, Service);
    }

    private async Task<string?> GetMetadataTokenAsync(CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, new Uri(_base, "latest/api/token"));
        request.Headers.TryAddWithoutValidation(TokenTtlHeader, TokenTtlSeconds);
        try
        {
            CredentialsReply reply = await CredentialsHttp.SendAsync(_httpClient, request, _options.RequestTimeout, _options.TimeProvider, Service, cancellationToken).ConfigureAwait(false);
            string token = Encoding.UTF8.GetString(reply.Body).Trim();
            if (reply.IsSuccess && token.Length > 0 && !token.AsSpan().ContainsAnyExceptInRange('!', '~'))
            {
                return token;
            }

            return _disableImdsV1
                ? throw CredentialsHttp.Failure($"{Service} gave no metadata token ({(int)reply.StatusCode}), and IMDSv1 is disabled.")
                : null;
        }
        catch (OssClientException) when (!_disableImdsV1)
        {
            return null;
        }
    }

    private async Task<string> DiscoverRoleNameAsync(string? token, CancellationToken cancellationToken)
    {
        CredentialsReply reply = await GetAsync(CredentialsPath, token, cancellationToken).ConfigureAwait(false);
        if (!reply.IsSuccess)
        {
            throw CredentialsHttp.Failure($"{Service} answered {(int)reply.StatusCode} when asked for the instance's RAM role; is a role attached to the instance?");
        }

        string listed = Encoding.UTF8.GetString(reply.Body).Trim();
        string first = listed.Split('\n', 2)[0].Trim();
        return first.Length == 0
            ? throw CredentialsHttp.Failure($"{Service} lists no RAM role for this instance.")
            : IsValidRoleName(first)
                ? first
                : throw CredentialsHttp.Failure($"{Service} listed a RAM role name with characters other than letters, digits, '.', '_', '-', '@', or longer than 128.");
    }

    private Task<CredentialsReply> GetAsync(string path, string? token, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_base, path));
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation(TokenHeader, token);
        }

        return CredentialsHttp.SendAsync(_httpClient, request, _options.RequestTimeout, _options.TimeProvider, Service, cancellationToken);
    }

    private static bool IsValidRoleName(string name) => name.Length <= 128 && !name.AsSpan().ContainsAnyExcept(s_roleNameCharacters);

    private static string Truncate(string? value) => value is null ? "(none)" : value.Length <= 64 ? value : value[..64] + "...";
}
