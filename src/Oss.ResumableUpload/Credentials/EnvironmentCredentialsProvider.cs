namespace Oss.ResumableUpload;

/// <summary>
/// Reads credentials from the environment: <c>OSS_ACCESS_KEY_ID</c>, <c>OSS_ACCESS_KEY_SECRET</c> and, for STS,
/// <c>OSS_SESSION_TOKEN</c>; when <c>OSS_ACCESS_KEY_ID</c> is not set, the names every Alibaba Cloud SDK reads:
/// <c>ALIBABA_CLOUD_ACCESS_KEY_ID</c>, <c>ALIBABA_CLOUD_ACCESS_KEY_SECRET</c> and <c>ALIBABA_CLOUD_SECURITY_TOKEN</c>.
/// </summary>
/// <remarks>
/// The three values always come from the same family of names, never an id from one and a secret from the other. The
/// variables are read on every call, so a process that updates them rotates the credentials.
/// </remarks>
public sealed class EnvironmentCredentialsProvider : IOssCredentialsProvider
{
    /// <summary>The variable that holds the AccessKey ID.</summary>
    public const string AccessKeyIdVariable = "OSS_ACCESS_KEY_ID";

    /// <summary>The variable that holds the AccessKey secret.</summary>
    public const string AccessKeySecretVariable = "OSS_ACCESS_KEY_SECRET";

    /// <summary>The variable that holds the STS security token.</summary>
    public const string SessionTokenVariable = "OSS_SESSION_TOKEN";

    /// <summary>The Alibaba Cloud variable that holds the AccessKey ID, read when <see cref="AccessKeyIdVariable"/> is not set.</summary>
    public const string AlibabaCloudAccessKeyIdVariable = "ALIBABA_CLOUD_ACCESS_KEY_ID";

    /// <summary>The Alibaba Cloud variable that holds the AccessKey secret.</summary>
    public const string AlibabaCloudAccessKeySecretVariable = "ALIBABA_CLOUD_ACCESS_KEY_SECRET";

    /// <summary>The Alibaba Cloud variable that holds the STS security token.</summary>
    public const string AlibabaCloudSecurityTokenVariable = "ALIBABA_CLOUD_SECURITY_TOKEN";

    private readonly Func<string, string?> _environment;

    /// <summary>Initializes a provider that reads the process's environment.</summary>
    public EnvironmentCredentialsProvider()
        : this(Environment.GetEnvironmentVariable)
    {
    }

    internal EnvironmentCredentialsProvider(Func<string, string?> environment)
    {
        _environment = environment;
    }

    /// <summary>Gets a value indicating whether an AccessKey ID variable of either family is set.</summary>
    internal static bool IsConfigured(Func<string, string?> environment)
        => !string.IsNullOrEmpty(environment(AccessKeyIdVariable)) || !string.IsNullOrEmpty(environment(AlibabaCloudAccessKeyIdVariable));

    /// <inheritdoc />
    /// <exception cref="OssClientException">No family has both its id and secret set (<see cref="OssClientErrorCode.CredentialsUnavailable"/>).</exception>
    public ValueTask<OssCredentials> GetCredentialsAsync(CancellationToken cancellationToken = default)
    {
        bool oss = !string.IsNullOrEmpty(_environment(AccessKeyIdVariable));
        string idName = oss ? AccessKeyIdVariable : AlibabaCloudAccessKeyIdVariable;
        string secretName = oss ? AccessKeySecretVariable : AlibabaCloudAccessKeySecretVariable;
        string? id = _environment(idName);
        string? secret = _environment(secretName);
        string? token = _environment(oss ? SessionTokenVariable : AlibabaCloudSecurityTokenVariable);
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(secret))
        {
            throw new OssClientException(
                OssClientErrorCode.CredentialsUnavailable,
                string.IsNullOrEmpty(id)
                    ? $"Neither {AccessKeyIdVariable} nor {AlibabaCloudAccessKeyIdVariable} is set: set {AccessKeyIdVariable} and {AccessKeySecretVariable} (or the ALIBABA_CLOUD_ pair)."
                    : $"{idName} is set, but {secretName} is not.");
        }

        return ValueTask.FromResult(new OssCredentials(id, secret, string.IsNullOrEmpty(token) ? null : token));
    }
}
