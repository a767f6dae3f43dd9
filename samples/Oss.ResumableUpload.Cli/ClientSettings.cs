namespace Oss.ResumableUpload.Cli;

/// <summary>Where and as whom to connect: <c>--endpoint</c>, <c>--region</c>, the access key options and <c>--v1</c>, each falling back to its environment variable.</summary>
internal sealed record ClientSettings(string? Endpoint, string? Region, string? AccessKeyId, string? AccessKeySecret, string? SecurityToken, OssSignatureVersion Signature)
{
    public static ClientSettings Read(CommandLine line) => new(
        line.Get("endpoint") ?? Environment.GetEnvironmentVariable("OSS_ENDPOINT"),
        line.Get("region") ?? Environment.GetEnvironmentVariable("OSS_REGION"),
        line.Get("access-key-id") ?? Environment.GetEnvironmentVariable("OSS_ACCESS_KEY_ID"),
        line.Get("access-key-secret") ?? Environment.GetEnvironmentVariable("OSS_ACCESS_KEY_SECRET"),
        line.Get("security-token") ?? Environment.GetEnvironmentVariable("OSS_SESSION_TOKEN"),
        line.Has("v1") ? OssSignatureVersion.V1 : OssSignatureVersion.V4);

    /// <summary>The static credentials, or null after printing what is missing.</summary>
    public IOssCredentialsProvider? CredentialsOrReport()
    {
        if (AccessKeyId is null || AccessKeySecret is null)
        {
            Console.Error.WriteLine("oss-upload: set --access-key-id and --access-key-secret (or OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET).");
            return null;
        }

        return new StaticCredentialsProvider(AccessKeyId, AccessKeySecret, SecurityToken);
    }

    /// <summary>The client, or null after printing why the settings are invalid.</summary>
    public OssClient? CreateClientOrReport(Uri endpoint, string? region, IOssCredentialsProvider credentials)
    {
        try
        {
            return new OssClient(new OssClientOptions
            {
                Endpoint = endpoint,
                Region = region,
                Credentials = credentials,
                SignatureVersion = Signature,
            });
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine("oss-upload: " + ex.Message + (region is null ? " Set --region or OSS_REGION (for example cn-hangzhou)." : string.Empty));
            return null;
        }
    }

    /// <summary>The endpoint as an absolute URI, or null after printing why not.</summary>
    public static Uri? ParseEndpointOrReport(string endpoint)
    {
        if (Uri.TryCreate(endpoint, UriKind.Absolute, out Uri? uri))
        {
            return uri;
        }

        Console.Error.WriteLine($"oss-upload: the endpoint '{endpoint}' is not an absolute URL.");
        return null;
    }
}
