namespace Oss.ResumableUpload;

/// <summary>
/// Configures an <see cref="OidcRoleCredentialsProvider"/>. Every value left null is read from the variables that
/// Kubernetes RRSA (RAM Roles for Service Accounts, on ACK) sets in the pod.
/// </summary>
public sealed class OidcRoleCredentialsProviderOptions : NetworkCredentialsProviderOptions
{
    /// <summary>The public STS endpoint, used when no region is given.</summary>
    public static readonly Uri DefaultStsEndpoint = new("https://sts.aliyuncs.com/");

    /// <summary>Initializes the options with their defaults (a request timeout of 10 s).</summary>
    public OidcRoleCredentialsProviderOptions()
        : base(TimeSpan.FromSeconds(10))
    {
    }

    /// <summary>Gets the ARN of the RAM role to assume, for example <c>acs:ram::123456789012****:role/uploader</c>.</summary>
    /// <value>Default null: the variable <c>ALIBABA_CLOUD_ROLE_ARN</c>. Required one way or the other.</value>
    public string? RoleArn { get; init; }

    /// <summary>Gets the ARN of the OIDC identity provider, for example <c>acs:ram::123456789012****:oidc-provider/ack-rrsa-c123</c>.</summary>
    /// <value>Default null: the variable <c>ALIBABA_CLOUD_OIDC_PROVIDER_ARN</c>. Required one way or the other.</value>
    public string? OidcProviderArn { get; init; }

    /// <summary>Gets the path of the file that holds the OIDC token. It is read again on every refresh, since the platform rotates it.</summary>
    /// <value>Default null: the variable <c>ALIBABA_CLOUD_OIDC_TOKEN_FILE</c>. Required one way or the other.</value>
    public string? OidcTokenFilePath { get; init; }

    /// <summary>Gets the role session name, which shows in the audit log (2..64 letters, digits, '.', '@', '-', '_').</summary>
    /// <value>Default null: the variable <c>ALIBABA_CLOUD_ROLE_SESSION_NAME</c>, else <c>oss-resumableupload-</c> and the time in milliseconds.</value>
    public string? RoleSessionName { get; init; }

    /// <summary>Gets how long the assumed credentials are valid.</summary>
    /// <value>Default 1 hour. Range 15 minutes..12 hours; the role's own maximum session duration also applies.</value>
    public TimeSpan SessionDuration { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Gets a policy (JSON) that further limits the assumed role's permissions.</summary>
    /// <value>Default null: the role's own permissions.</value>
    public string? Policy { get; init; }

    /// <summary>Gets the STS endpoint (tests point it at a local fake).</summary>
    /// <value>
    /// Default null: <c>https://sts.{region}.aliyuncs.com</c> when <c>ALIBABA_CLOUD_STS_REGION</c> is set (with
    /// <c>sts-vpc.</c> when <c>ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED</c> is <c>true</c>), else <see cref="DefaultStsEndpoint"/>.
    /// </value>
    public Uri? StsEndpoint { get; init; }

    /// <summary>Checks the options; called by the provider's constructor.</summary>
    internal void Validate()
    {
        ValidateCommon("options");
        if (SessionDuration < TimeSpan.FromMinutes(15) || SessionDuration > TimeSpan.FromHours(12))
        {
            throw new ArgumentOutOfRangeException("options", SessionDuration, "OidcRoleCredentialsProviderOptions.SessionDuration must be between 15 minutes and 12 hours.");
        }

        if (StsEndpoint is not null && (!StsEndpoint.IsAbsoluteUri || (StsEndpoint.Scheme != Uri.UriSchemeHttp && StsEndpoint.Scheme != Uri.UriSchemeHttps)))
        {
            throw new ArgumentException("OidcRoleCredentialsProviderOptions.StsEndpoint must be an absolute http or https URI.", "options");
        }
    }
}
