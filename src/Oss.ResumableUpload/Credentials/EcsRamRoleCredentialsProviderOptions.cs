namespace Oss.ResumableUpload;

/// <summary>Configures an <see cref="EcsRamRoleCredentialsProvider"/>.</summary>
public sealed class EcsRamRoleCredentialsProviderOptions : NetworkCredentialsProviderOptions
{
    /// <summary>The address of the ECS instance metadata service.</summary>
    public static readonly Uri DefaultMetadataEndpoint = new("http://100.100.100.200/");

    /// <summary>Initializes the options with their defaults (a request timeout of 2 s).</summary>
    public EcsRamRoleCredentialsProviderOptions()
        : base(TimeSpan.FromSeconds(2))
    {
    }

    /// <summary>Gets the name of the RAM role attached to the instance.</summary>
    /// <value>Default null: the variable <c>ALIBABA_CLOUD_ECS_METADATA</c>, else the role the metadata service lists.</value>
    public string? RoleName { get; init; }

    /// <summary>Gets the base address of the metadata service (tests point it at a local fake).</summary>
    /// <value>Default <see cref="DefaultMetadataEndpoint"/>, <c>http://100.100.100.200/</c>.</value>
    public Uri MetadataEndpoint { get; init; } = DefaultMetadataEndpoint;

    /// <summary>Gets a value indicating whether the provider refuses to fall back to IMDSv1 (requests without a metadata token).</summary>
    /// <value>Default false, or true when <c>ALIBABA_CLOUD_IMDSV1_DISABLED</c> is <c>true</c>: a token is asked for first (IMDSv2), and the requests go without one if the service gives none.</value>
    public bool DisableImdsV1 { get; init; }

    /// <summary>Checks the options; called by the provider's constructor.</summary>
    internal void ValidateEndpoint()
    {
        ValidateCommon("options");
        if (MetadataEndpoint is null || !MetadataEndpoint.IsAbsoluteUri || (MetadataEndpoint.Scheme != Uri.UriSchemeHttp && MetadataEndpoint.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException("EcsRamRoleCredentialsProviderOptions.MetadataEndpoint must be an absolute http or https URI.", "options");
        }
    }
}
