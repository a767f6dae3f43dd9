namespace Oss.ResumableUpload;

/// <summary>An access key pair, optionally with an STS security token and its expiry.</summary>
/// <param name="AccessKeyId">The AccessKey ID.</param>
/// <param name="AccessKeySecret">The AccessKey secret. It is used only to compute signatures and is never logged.</param>
/// <param name="SecurityToken">The STS security token, sent as <c>x-oss-security-token</c>; null for long-term keys.</param>
/// <param name="Expiration">When temporary credentials expire; null when they do not.</param>
public sealed record OssCredentials(string AccessKeyId, string AccessKeySecret, string? SecurityToken = null, DateTimeOffset? Expiration = null)
{
    /// <summary>Returns a description that names the key id but hides the secret and the token.</summary>
    /// <returns>A string safe to log.</returns>
    public override string ToString()
        => $"OssCredentials {{ AccessKeyId = {AccessKeyId}, AccessKeySecret = ***, SecurityToken = {(SecurityToken is null ? "null" : "***")}, Expiration = {Expiration?.ToString("O", System.Globalization.CultureInfo.InvariantCulture) ?? "null"} }}";
}
