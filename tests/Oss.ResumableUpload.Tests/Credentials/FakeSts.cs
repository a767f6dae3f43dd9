namespace Oss.ResumableUpload.Tests.Credentials;

/// <summary>An STS endpoint answering AssumeRoleWithOIDC with numbered credentials, or with a scripted reply.</summary>
internal sealed class FakeSts : IDisposable
{
    private int _issued;

    public FakeSts(Func<DateTimeOffset> expiresAt)
    {
        ExpiresAt = expiresAt;
        Server = new FakeCredentialsServer(Handle);
    }

    public FakeCredentialsServer Server { get; }

    public Func<DateTimeOffset> ExpiresAt { get; set; }

    public FakeReply? Override { get; set; }

    public TimeSpan Delay { get; set; }

    public Uri Endpoint => Server.BaseAddress;

    public int Calls => Server.Requests.Count;

    public void Dispose() => Server.Dispose();

    private async Task<FakeReply> Handle(FakeRequest request)
    {
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay);
        }

        if (Override is { } reply)
        {
            return reply;
        }

        int n = Interlocked.Increment(ref _issued);
        string expiration = ExpiresAt().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        string credentials = $$"""{"SecurityToken":"sts-token-{{n}}","Expiration":"{{expiration}}","AccessKeySecret":"sts-secret-{{n}}","AccessKeyId":"STS.oidc-{{n}}"}""";
        return FakeReply.Ok(
            $$"""{"RequestId":"req-{{n}}","OIDCTokenInfo":{"Subject":"system:serviceaccount:default:uploader"},"AssumedRoleUser":{"Arn":"acs:ram::1:role/uploader/session"},"Credentials":""" + credentials + "}");
    }
}
