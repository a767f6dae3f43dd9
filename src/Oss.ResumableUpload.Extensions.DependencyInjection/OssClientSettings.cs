using System.Globalization;

namespace Oss.ResumableUpload;

/// <summary>
/// The settings of one <see cref="OssClient"/> registered with <c>services.AddOssClient(...)</c>: the bindable twin
/// of <see cref="OssClientOptions"/> (settable properties, the same defaults and ranges), for a configuration section
/// such as <c>"Oss": { "Endpoint": "https://oss-cn-hangzhou.aliyuncs.com" }</c>. They are validated when the host
/// starts, with a message per problem.
/// </summary>
/// <remarks>
/// <para>
/// This type lives in the dependency-injection package rather than the core one: only that package binds it, and the
/// core keeps one init-only options type for direct construction.
/// </para>
/// <para>
/// Credentials: when <see cref="AccessKeyId"/> is set it is used with <see cref="AccessKeySecret"/> and
/// <see cref="SecurityToken"/>. Otherwise an <see cref="IOssCredentialsProvider"/> registered as a keyed service under
/// the client's name is used, else one registered without a key, else a <see cref="DefaultCredentialsProvider"/>
/// (environment, OIDC role, credentials file, ECS RAM role) shared by every client of the container. Keep secrets out of
/// appsettings.json: prefer the chain, user secrets or a vault-backed configuration source.
/// </para>
/// </remarks>
public sealed class OssClientSettings
{
    /// <summary>Gets or sets the service endpoint, for example <c>https://oss-cn-hangzhou.aliyuncs.com</c>.</summary>
    /// <value>Required. An absolute http or https URI with no path or query.</value>
    public Uri? Endpoint { get; set; }

    /// <summary>Gets or sets the region id used by Signature V4, for example <c>cn-hangzhou</c>.</summary>
    /// <value>Default null: inferred from an <c>oss-&lt;region&gt;.aliyuncs.com</c> endpoint. V4 needs one or the other.</value>
    public string? Region { get; set; }

    /// <summary>Gets or sets the signature algorithm (<c>"V4"</c> or <c>"V1"</c> in configuration).</summary>
    /// <value>Default <see cref="OssSignatureVersion.V4"/>.</value>
    public OssSignatureVersion SignatureVersion { get; set; } = OssSignatureVersion.V4;

    /// <summary>Gets or sets a value indicating whether the bucket goes in the path instead of the host name.</summary>
    /// <value>Default false. Path style is always used for IP-address and localhost endpoints.</value>
    public bool UsePathStyle { get; set; }

    /// <summary>Gets or sets how many times a failed request is retried after the first attempt.</summary>
    /// <value>Default 3. Range 0..10.</value>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>Gets or sets the delay before the first retry; later delays grow exponentially with jitter.</summary>
    /// <value>Default 200 ms (<c>"00:00:00.200"</c>). Range 0..1 minute.</value>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Gets or sets the longest delay between two attempts.</summary>
    /// <value>Default 20 s. Range 0..5 minutes, and not below <see cref="RetryBaseDelay"/>.</value>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Gets or sets the time one attempt may take, from sending the request to reading the whole reply.</summary>
    /// <value>Default 5 minutes. Range 1 s..1 hour, or <see cref="Timeout.InfiniteTimeSpan"/>. The <see cref="HttpClient"/> itself has no timeout: this one applies.</value>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets how long before temporary credentials expire they are refreshed.</summary>
    /// <value>Default 5 minutes. Range 0..1 hour.</value>
    public TimeSpan CredentialsRefreshWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets the AccessKey ID.</summary>
    /// <value>Default null: the credentials come from a registered provider or the default chain (see remarks).</value>
    public string? AccessKeyId { get; set; }

    /// <summary>Gets or sets the AccessKey secret; required with <see cref="AccessKeyId"/>. Never logged, and hidden by <see cref="ToString"/>.</summary>
    /// <value>Default null.</value>
    public string? AccessKeySecret { get; set; }

    /// <summary>Gets or sets the STS security token that goes with a temporary <see cref="AccessKeyId"/>.</summary>
    /// <value>Default null.</value>
    public string? SecurityToken { get; set; }

    /// <summary>Gets or sets the most connections the client's handler opens to one server (parts of parallel uploads each take one).</summary>
    /// <value>Default 256. Range 1..10,000.</value>
    public int MaxConnectionsPerServer { get; set; } = 256;

    /// <summary>Gets or sets how long the handler keeps a pooled connection before opening a new one, so DNS changes are seen.</summary>
    /// <value>Default 5 minutes. Range 1 s..1 hour.</value>
    public TimeSpan PooledConnectionLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Values found in configuration that could not be converted; reported by validation at startup.</summary>
    internal List<string> BindingErrors { get; } = [];

    /// <summary>Describes the settings with the secret and the security token hidden.</summary>
    /// <returns>A string safe to log.</returns>
    public override string ToString()
        => string.Create(
            CultureInfo.InvariantCulture,
            $"OssClientSettings {{ Endpoint = {Endpoint}, Region = {Region ?? "null"}, SignatureVersion = {SignatureVersion}, UsePathStyle = {UsePathStyle}, MaxRetryAttempts = {MaxRetryAttempts}, RequestTimeout = {RequestTimeout}, AccessKeyId = {AccessKeyId ?? "null"}, AccessKeySecret = {(AccessKeySecret is null ? "null" : "***")}, SecurityToken = {(SecurityToken is null ? "null" : "***")} }}");
}
