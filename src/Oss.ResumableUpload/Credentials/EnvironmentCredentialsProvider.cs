namespace Oss.ResumableUpload;

/// <summary>
/// Reads credentials from the environment variables <c>OSS_ACCESS_KEY_ID</c>, <c>OSS_ACCESS_KEY_SECRET</c>
/// and, for STS, <c>OSS_SESSION_TOKEN</c>.
/// </summary>
/// <remarks>The variables are read on every call, so a process that updates them rotates the credentials.</remarks>
public sealed class EnvironmentCredentialsProvider : IOssCredentialsProvider
{
    /// <summary>The variable that holds the AccessKey ID.</summary>
    public const string AccessKeyIdVariable = "OSS_ACCESS_KEY_ID";

    /// <summary>The variable that holds the AccessKey secret.</summary>
    public const string AccessKeySecretVariable = "OSS_ACCESS_KEY_SECRET";

    /// <summary>The variable that holds the STS security token.</summary>
    public const string SessionTokenVariable = "OSS_SESSION_TOKEN";

    /// <inheritdoc />
    /// <exception cref="OssClientException">A required variable is not set (<see cref="OssClientErrorCode.CredentialsUnavailable"/>).</exception>
    public ValueTask<OssCredentials> GetCredentialsAsync(CancellationToken cancellationToken = default)
    {
        string? id = Environment.GetEnvironmentVariable(AccessKeyIdVariable);
        string? secret = Environment.GetEnvironmentVariable(AccessKeySecretVariable);
        string? token = Environment.GetEnvironmentVariable(SessionTokenVariable);
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(secret))
        {
            throw new OssClientException(
                OssClientErrorCode.CredentialsUnavailable,
                $"The environment variables {AccessKeyIdVariable} and {AccessKeySecretVariable} must both be set.");
        }

        return ValueTask.FromResult(new OssCredentials(id, secret, string.IsNullOrEmpty(token) ? null : token));
    }
}
