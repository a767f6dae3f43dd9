using Microsoft.Extensions.Time.Testing;

namespace Oss.ResumableUpload.Tests.Credentials;

/// <summary>The OIDC role provider (RRSA) against a local fake STS endpoint.</summary>
public sealed class OidcRoleCredentialsProviderTests : IDisposable
{
    private const string RoleArn = "acs:ram::1234567890:role/uploader";
    private const string ProviderArn = "acs:ram::1234567890:oidc-provider/ack-rrsa-c1";
    private const string OidcToken = "eyJhbGciOiJSUzI1NiJ9.oidc-token-body.signature";
    private static readonly DateTimeOffset s_start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly string _tokenFile = Path.Combine(Path.GetTempPath(), "oss-oidc-" + Guid.NewGuid().ToString("N"));

    public OidcRoleCredentialsProviderTests() => File.WriteAllText(_tokenFile, OidcToken + "\n");

    public void Dispose() => File.Delete(_tokenFile);

    [Fact]
    public async Task Calls_AssumeRoleWithOIDC_anonymously_with_the_token_file()
    {
        using var sts = new FakeSts(() => s_start.AddHours(1));
        var provider = Create(sts, new FakeTimeProvider(s_start));

        OssCredentials credentials = await provider.GetCredentialsAsync();

        Assert.Equal(new OssCredentials("STS.oidc-1", "sts-secret-1", "sts-token-1", s_start.AddHours(1)), credentials);
        FakeRequest request = Assert.Single(sts.Server.Requests);
        Assert.Equal("POST", request.Method);
        Dictionary<string, string> query = request.QueryValues();
        Assert.Equal("AssumeRoleWithOIDC", query["Action"]);
        Assert.Equal("JSON", query["Format"]);
        Assert.Equal("2015-04-01", query["Version"]);
        Assert.Equal("2026-03-01T08:00:00Z", query["Timestamp"]);
        Dictionary<string, string> form = request.Form();
        Assert.Equal(RoleArn, form["RoleArn"]);
        Assert.Equal(ProviderArn, form["OIDCProviderArn"]);
        Assert.Equal(OidcToken, form["OIDCToken"]);
        Assert.Equal("3600", form["DurationSeconds"]);
        Assert.Equal("uploads", form["RoleSessionName"]);
        Assert.False(form.ContainsKey("Policy"));
        Assert.Null(request.Header("Authorization"));
    }

    [Fact]
    public async Task Each_refresh_reads_the_rotated_token_file()
    {
        var time = new FakeTimeProvider(s_start);
        using var sts = new FakeSts(() => time.GetUtcNow().AddHours(1));
        var provider = Create(sts, time);
        await provider.GetCredentialsAsync();

        File.WriteAllText(_tokenFile, "rotated-token");
        time.Advance(TimeSpan.FromMinutes(56));
        OssCredentials refreshed = await provider.GetCredentialsAsync();

        Assert.Equal("STS.oidc-2", refreshed.AccessKeyId);
        Assert.Equal("rotated-token", sts.Server.Requests.Last().Form()["OIDCToken"]);
    }

    [Fact]
    public async Task Thirty_two_concurrent_callers_cause_one_call()
    {
        using var sts = new FakeSts(() => s_start.AddHours(1)) { Delay = TimeSpan.FromMilliseconds(200) };
        var provider = Create(sts, new FakeTimeProvider(s_start));

        OssCredentials[] results = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(async () => await provider.GetCredentialsAsync())));

        Assert.Equal(1, sts.Calls);
        Assert.All(results, r => Assert.Equal("STS.oidc-1", r.AccessKeyId));
    }

    [Fact]
    public async Task A_refusal_reports_code_and_request_id_but_never_the_token()
    {
        using var sts = new FakeSts(() => s_start.AddHours(1))
        {
            Override = new FakeReply(400, $$"""{"RequestId":"req-err","HostId":"sts.aliyuncs.com","Code":"AuthenticationFail.OIDCToken.Invalid","Message":"The token {{OidcToken}} is expired."}"""),
        };

        var ex = await Assert.ThrowsAsync<OssClientException>(async () => await Create(sts, new FakeTimeProvider(s_start)).GetCredentialsAsync());

        Assert.Equal(OssClientErrorCode.CredentialsUnavailable, ex.ErrorCode);
        Assert.Contains("400 AuthenticationFail.OIDCToken.Invalid", ex.Message, StringComparison.Ordinal);
        Assert.Contains("req-err", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(OidcToken, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"RequestId":"r"}""", "without a Credentials object")]
    [InlineData("""{"Credentials":{"AccessKeyId":"a","SecurityToken":"t","Expiration":"2026-03-01T09:00:00Z"}}""", "without AccessKeySecret")]
    [InlineData("<xml/>", "without a Credentials object")]
    public async Task Malformed_replies_are_typed_errors(string body, string expected)
    {
        using var sts = new FakeSts(() => s_start.AddHours(1)) { Override = FakeReply.Ok(body) };

        var ex = await Assert.ThrowsAsync<OssClientException>(async () => await Create(sts, new FakeTimeProvider(s_start)).GetCredentialsAsync());

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_token_file_is_a_typed_error()
    {
        using var sts = new FakeSts(() => s_start.AddHours(1));
        File.Delete(_tokenFile);

        var ex = await Assert.ThrowsAsync<OssClientException>(async () => await Create(sts, new FakeTimeProvider(s_start)).GetCredentialsAsync());

        Assert.Contains("could not be read", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, sts.Calls);
    }

    [Fact]
    public void Values_come_from_the_RRSA_variables_and_are_required()
    {
        var variables = new Dictionary<string, string>
        {
            ["ALIBABA_CLOUD_ROLE_ARN"] = RoleArn,
            ["ALIBABA_CLOUD_OIDC_PROVIDER_ARN"] = ProviderArn,
            ["ALIBABA_CLOUD_OIDC_TOKEN_FILE"] = "/var/run/secrets/tokens/oidc-token",
        };
        _ = new OidcRoleCredentialsProvider(new OidcRoleCredentialsProviderOptions(), variables.GetValueOrDefault);

        variables.Remove("ALIBABA_CLOUD_OIDC_PROVIDER_ARN");
        var ex = Assert.Throws<ArgumentException>(() => new OidcRoleCredentialsProvider(new OidcRoleCredentialsProviderOptions(), variables.GetValueOrDefault));
        Assert.Contains("ALIBABA_CLOUD_OIDC_PROVIDER_ARN", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new OidcRoleCredentialsProvider(
            new OidcRoleCredentialsProviderOptions { RoleArn = "a", OidcProviderArn = "b", OidcTokenFilePath = "c", SessionDuration = TimeSpan.FromMinutes(5) }, _ => null));
    }

    private OidcRoleCredentialsProvider Create(FakeSts sts, TimeProvider time)
        => new(
            new OidcRoleCredentialsProviderOptions
            {
                RoleArn = RoleArn,
                OidcProviderArn = ProviderArn,
                OidcTokenFilePath = _tokenFile,
                RoleSessionName = "uploads",
                StsEndpoint = sts.Endpoint,
                TimeProvider = time,
            },
            _ => null);
}
