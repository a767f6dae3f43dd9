namespace Oss.ResumableUpload.Testing;

/// <summary>
/// An access key the test server accepts. With a <see cref="SecurityToken"/> it is an STS credential: requests signed
/// with it must also carry that token (<c>x-oss-security-token</c>), or they get <c>InvalidSecurityToken</c>.
/// </summary>
/// <param name="AccessKeyId">The AccessKey ID.</param>
/// <param name="AccessKeySecret">The AccessKey secret.</param>
/// <param name="SecurityToken">The STS token that must accompany the key, or null for a permanent access key.</param>
public sealed record OssTestCredential(string AccessKeyId, string AccessKeySecret, string? SecurityToken = null)
{
    /// <summary>Gets the credential a server accepts when <see cref="OssTestServerOptions.Credentials"/> is empty.</summary>
    /// <value><c>test-access-key-id</c> / <c>test-access-key-secret</c>, no token.</value>
    public static OssTestCredential Default { get; } = new("test-access-key-id", "test-access-key-secret");

    /// <summary>Returns a credentials provider that signs as this credential, for <see cref="OssClientOptions.Credentials"/>.</summary>
    /// <returns>A <see cref="StaticCredentialsProvider"/> with this key, secret and token.</returns>
    public IOssCredentialsProvider ToCredentialsProvider() => new StaticCredentialsProvider(AccessKeyId, AccessKeySecret, SecurityToken);

    /// <summary>Returns the record without its secret, so that it is safe to print.</summary>
    /// <returns>The access key id and whether a token is attached.</returns>
    public override string ToString() => SecurityToken is null ? $"{AccessKeyId} (access key)" : $"{AccessKeyId} (STS)";
}
