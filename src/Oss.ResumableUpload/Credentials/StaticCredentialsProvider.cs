namespace Oss.ResumableUpload;

/// <summary>Provides one fixed set of credentials.</summary>
public sealed class StaticCredentialsProvider : IOssCredentialsProvider
{
    private readonly OssCredentials _credentials;

    /// <summary>Initializes a new instance from an access key pair and an optional STS token.</summary>
    /// <param name="accessKeyId">The AccessKey ID.</param>
    /// <param name="accessKeySecret">The AccessKey secret.</param>
    /// <param name="securityToken">The STS security token, or null.</param>
    /// <exception cref="ArgumentException">The key id or secret is null or empty.</exception>
    public StaticCredentialsProvider(string accessKeyId, string accessKeySecret, string? securityToken = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(accessKeyId);
        ArgumentException.ThrowIfNullOrEmpty(accessKeySecret);
        _credentials = new OssCredentials(accessKeyId, accessKeySecret, string.IsNullOrEmpty(securityToken) ? null : securityToken);
    }

    /// <summary>Initializes a new instance from a credentials record.</summary>
    /// <param name="credentials">The credentials to return.</param>
    public StaticCredentialsProvider(OssCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentException.ThrowIfNullOrEmpty(credentials.AccessKeyId, nameof(credentials));
        ArgumentException.ThrowIfNullOrEmpty(credentials.AccessKeySecret, nameof(credentials));
        _credentials = credentials;
    }

    /// <inheritdoc />
    public ValueTask<OssCredentials> GetCredentialsAsync(CancellationToken cancellationToken = default)
        => ValueTask.FromResult(_credentials);
}
