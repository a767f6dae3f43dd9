namespace Oss.ResumableUpload.Credentials;

/// <summary>Turns the fields of a metadata-service or STS reply into <see cref="OssCredentials"/>, checking each.</summary>
internal static class TemporaryCredentials
{
    /// <summary>Reads <c>AccessKeyId</c>, <c>AccessKeySecret</c>, <c>SecurityToken</c> and <c>Expiration</c>; all are required.</summary>
    /// <param name="values">The reply's fields.</param>
    /// <param name="service">Names the service in messages.</param>
    /// <exception cref="OssClientException">A field is missing, empty, or malformed. The message names the field, never its value.</exception>
    public static OssCredentials FromReply(IReadOnlyDictionary<string, string> values, string service)
    {
        string id = Required(values, "AccessKeyId", service);
        string secret = Required(values, "AccessKeySecret", service);
        string token = Required(values, "SecurityToken", service);
        string expirationText = Required(values, "Expiration", service);
        DateTimeOffset expiration = CredentialsHttp.ParseExpiration(expirationText)
            ?? throw CredentialsHttp.Failure($"{service} sent an Expiration that is not a date and time.");
        return new OssCredentials(id, secret, token, expiration);
    }

    private static string Required(IReadOnlyDictionary<string, string> values, string name, string service)
        => values.TryGetValue(name, out string? value) && !string.IsNullOrWhiteSpace(value)
            ? value
            : throw CredentialsHttp.Failure($"{service} sent a reply without {name}.");
}
