using Microsoft.Extensions.Time.Testing;
using Oss.ResumableUpload.Signing;

namespace Oss.ResumableUpload.Testing.Tests;

/// <summary>What the server answers to badly signed, unsigned, stale and STS requests.</summary>
public sealed class SignatureVerificationTests
{
    private const string B = TestClients.Bucket;

    [Theory]
    [InlineData(OssSignatureVersion.V1)]
    [InlineData(OssSignatureVersion.V4)]
    public async Task AWrongSecretIsSignatureDoesNotMatchWithTheServersStringToSign(OssSignatureVersion version)
    {
        await using OssTestServer server = await TestClients.StartAsync();
        var wrong = new OssTestCredential(server.Credential.AccessKeyId, "not-the-secret");
        DateTimeOffset time = DateTimeOffset.UtcNow;
        byte[] body = [1, 2, 3];
        var headers = new Dictionary<string, string> { ["Content-Type"] = "text/plain", ["x-oss-meta-a"] = "b", ["Content-MD5"] = RawRequests.ContentMd5(body) };

        RawResponse response = await RawRequests.SendAsync(RawRequests.Create(server, HttpMethod.Put, B, "dir/k ü", "partNumber=1&uploadId=X", body, headers, version, wrong, time));

        Assert.Equal(403, response.Status);
        Assert.Equal("SignatureDoesNotMatch", response.ErrorCode);
        // The string to sign the server reports is the one the client built (recomputed here with the client's signer).
        var input = new SigningInput
        {
            Method = "PUT",
            Bucket = B,
            Key = "dir/k ü",
            Query = [new("partNumber", "1"), new("uploadId", "X")],
            Headers = new Dictionary<string, string>(headers, StringComparer.OrdinalIgnoreCase),
        };
        var credentials = new OssCredentials(wrong.AccessKeyId, wrong.AccessKeySecret);
        string expected = version == OssSignatureVersion.V1
            ? ExpectedV1StringToSign(input, credentials, time)
            : ExpectedV4StringToSign(input, credentials, time, server.Region);
        Assert.Equal(expected, response.XmlValue("StringToSign"));
        Assert.Equal(server.Credential.AccessKeyId, response.XmlValue("OSSAccessKeyId"));
        Assert.NotEmpty(response.XmlValue("StringToSignBytes")!);
        Assert.Equal(OssOperationKind.UploadPart, server.Requests.Single().Operation);
        Assert.Equal(3, server.Requests.Single().BodyBytesReceived);
    }

    [Fact]
    public async Task AV1RequestWithOnlyXOssDateSignsThatDateInTheDateLine()
    {
        // The official Node.js SDK (ali-oss) sends no Date header, only x-oss-date, and signs its value as the date.
        await using OssTestServer server = await TestClients.StartAsync();
        string xOssDate = DateTimeOffset.UtcNow.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = "text/plain", ["x-oss-date"] = xOssDate };
        var input = new SigningInput { Method = "PUT", Bucket = B, Key = "x-oss-date-only.txt", Query = [], Headers = headers };
        string signature = OssV1Signer.ComputeSignature(server.Credential.AccessKeySecret, OssV1Signer.BuildStringToSign(input, xOssDate));
        headers["Authorization"] = "OSS " + server.Credential.AccessKeyId + ":" + signature;

        RawResponse response = await RawRequests.SendAsync(RawRequests.Create(server, HttpMethod.Put, B, "x-oss-date-only.txt", body: [1, 2], headers: headers, sign: false));

        Assert.Equal(200, response.Status);
        Assert.Equal(new byte[] { 1, 2 }, await server.ReadObjectAsync(B, "x-oss-date-only.txt"));
    }

    [Fact]
    public async Task AClientWithAWrongSecretGetsAnOssServiceException()
    {
        await using OssTestServer server = await TestClients.StartAsync();
        using OssClient client = TestClients.CreateClient(server, credential: new OssTestCredential(server.Credential.AccessKeyId, "nope"));

        OssServiceException ex = await Assert.ThrowsAsync<OssServiceException>(() => client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = B, ObjectKey = "k" }));

        Assert.Equal(403, ex.StatusCode);
        Assert.Equal("SignatureDoesNotMatch", ex.ErrorCode);
        Assert.Empty(server.GetUploads());
    }

    [Theory]
    [InlineData(OssSignatureVersion.V1)]
    [InlineData(OssSignatureVersion.V4)]
    public async Task AnUnknownAccessKeyIsInvalidAccessKeyId(OssSignatureVersion version)
    {
        await using OssTestServer server = await TestClients.StartAsync();

        RawResponse response = await RawRequests.SendAsync(RawRequests.Create(server, HttpMethod.Get, B, "k", version: version, credential: new OssTestCredential("who", "ever")));

        Assert.Equal(403, response.Status);
        Assert.Equal("InvalidAccessKeyId", response.ErrorCode);
        Assert.Equal("who", response.XmlValue("OSSAccessKeyId"));
    }

    [Theory]
    [InlineData(OssSignatureVersion.V1, 16, "RequestTimeTooSkewed")]
    [InlineData(OssSignatureVersion.V4, 16, "RequestTimeTooSkewed")]
    [InlineData(OssSignatureVersion.V1, -16, "RequestTimeTooSkewed")]
    [InlineData(OssSignatureVersion.V4, -16, "RequestTimeTooSkewed")]
    [InlineData(OssSignatureVersion.V1, 14, "NoSuchKey")]
    [InlineData(OssSignatureVersion.V4, -14, "NoSuchKey")]
    public async Task ARequestMoreThanFifteenMinutesOffIsRequestTimeTooSkewed(OssSignatureVersion version, int minutesAhead, string expectedCode)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero));
        await using OssTestServer server = await TestClients.StartAsync(o => o.TimeProvider = clock);

        RawResponse response = await RawRequests.SendAsync(RawRequests.Create(server, HttpMethod.Get, B, "k", version: version, signingTime: clock.GetUtcNow().AddMinutes(minutesAhead)));

        Assert.Equal(expectedCode, response.ErrorCode);
        Assert.Equal("Wed, 01 May 2024 12:00:00 GMT", response.Header("Date"));
        if (expectedCode == "RequestTimeTooSkewed")
        {
            Assert.Equal(403, response.Status);
            Assert.Equal("900000", response.XmlValue("MaxAllowedSkewMilliseconds"));
        }
    }

    [Fact]
    public async Task TheClientCorrectsItsClockFromTheServersDateAfterRequestTimeTooSkewed()
    {
        var serverClock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(2));
        await using OssTestServer server = await TestClients.StartAsync(o => o.TimeProvider = serverClock);
        using OssClient client = TestClients.CreateClient(server);

        InitiateMultipartUploadResult result = await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = B, ObjectKey = "k" });

        Assert.NotNull(server.GetUpload(result.UploadId));
        Assert.Equal(["RequestTimeTooSkewed", null], server.Requests.Select(r => r.ErrorCode));
    }

    [Theory]
    [InlineData(OssSignatureVersion.V1, null)]
    [InlineData(OssSignatureVersion.V4, null)]
    [InlineData(OssSignatureVersion.V1, "wrong-token")]
    [InlineData(OssSignatureVersion.V4, "wrong-token")]
    public async Task AnStsKeyWithoutItsTokenIsInvalidSecurityToken(OssSignatureVersion version, string? sentToken)
    {
        var sts = new OssTestCredential("STS.key", "sts-secret", "the-token");
        await using OssTestServer server = await TestClients.StartAsync(o => o.Credentials.Add(sts));

        RawResponse response = await RawRequests.SendAsync(RawRequests.Create(server, HttpMethod.Get, B, "k", version: version, credential: sts with { SecurityToken = sentToken }));

        Assert.Equal(403, response.Status);
        Assert.Equal("InvalidSecurityToken", response.ErrorCode);
    }

    [Theory]
    [InlineData(OssSignatureVersion.V1)]
    [InlineData(OssSignatureVersion.V4)]
    public async Task AnStsKeyWithItsTokenIsAccepted(OssSignatureVersion version)
    {
        var sts = new OssTestCredential("STS.key", "sts-secret", "the-token");
        await using OssTestServer server = await TestClients.StartAsync(o => o.Credentials.Add(sts));

        RawResponse response = await RawRequests.SendAsync(RawRequests.Create(server, HttpMethod.Put, B, "k", body: [1], version: version, credential: sts));

        Assert.Equal(200, response.Status);
    }

    [Fact]
    public async Task APermanentKeySendingATokenIsInvalidSecurityToken()
    {
        await using OssTestServer server = await TestClients.StartAsync();

        RawResponse response = await RawRequests.SendAsync(RawRequests.Create(server, HttpMethod.Get, B, "k", credential: server.Credential with { SecurityToken = "stray" }));

        Assert.Equal("InvalidSecurityToken", response.ErrorCode);
    }

    [Fact]
    public async Task AV4SignatureForAnotherRegionIsRefusedNamingBothRegions()
    {
        await using OssTestServer server = await TestClients.StartAsync();

        RawResponse response = await RawRequests.SendAsync(RawRequests.Create(server, HttpMethod.Get, B, "k", region: "us-west-1"));

        Assert.Equal(403, response.Status);
        Assert.Equal("SignatureDoesNotMatch", response.ErrorCode);
        Assert.Equal("us-west-1", response.XmlValue("SigningRegion"));
        Assert.Equal("cn-hangzhou", response.XmlValue("ExpectedRegion"));
    }

    [Fact]
    public async Task AClientForAnotherRegionFails()
    {
        await using OssTestServer server = await TestClients.StartAsync(o => o.Region = "eu-central-1");
        using var client = new OssClient(new OssClientOptions { Endpoint = server.Endpoint, Region = "cn-hangzhou", Credentials = server.Credential.ToCredentialsProvider(), MaxRetryAttempts = 0 });

        OssServiceException ex = await Assert.ThrowsAsync<OssServiceException>(() => client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = B, ObjectKey = "k" }));

        Assert.Equal("SignatureDoesNotMatch", ex.ErrorCode);
        using OssClient right = new(server.CreateClientOptions());
        Assert.NotNull(await right.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = B, ObjectKey = "k" }));
    }

    [Fact]
    public async Task AnUnsignedRequestIsAccessDeniedUnlessVerificationIsOff()
    {
        await using OssTestServer strict = await TestClients.StartAsync();
        await using OssTestServer lax = await TestClients.StartAsync(o => o.VerifySignatures = false);

        RawResponse denied = await RawRequests.SendAsync(RawRequests.Create(strict, HttpMethod.Put, B, "k", body: [1], sign: false));
        RawResponse accepted = await RawRequests.SendAsync(RawRequests.Create(lax, HttpMethod.Put, B, "k", body: [1], sign: false));
        RawResponse badlySigned = await RawRequests.SendAsync(RawRequests.Create(lax, HttpMethod.Put, B, "k2", body: [1], credential: new OssTestCredential("x", "y")));

        Assert.Equal((403, "AccessDenied"), (denied.Status, denied.ErrorCode));
        Assert.Equal(200, accepted.Status);
        Assert.Equal(200, badlySigned.Status);
    }

    [Fact]
    public async Task AV4RequestWithAnotherPayloadHashIsRefused()
    {
        await using OssTestServer server = await TestClients.StartAsync();
        HttpRequestMessage request = RawRequests.Create(server, HttpMethod.Get, B, "k");
        request.Headers.Remove("x-oss-content-sha256");
        request.Headers.TryAddWithoutValidation("x-oss-content-sha256", "0000");

        RawResponse response = await RawRequests.SendAsync(request);

        Assert.Equal("InvalidArgument", response.ErrorCode);
    }

    [Fact]
    public async Task PresignedV1AndV4UrlsWorkUntilTheyExpire()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero));
        await using OssTestServer server = await TestClients.StartAsync(o => o.TimeProvider = clock);
        await RawRequests.SendAsync(RawRequests.Create(server, HttpMethod.Put, B, "p/q r.txt", body: [9, 8], signingTime: clock.GetUtcNow()));
        var credentials = new OssCredentials(server.Credential.AccessKeyId, server.Credential.AccessKeySecret);
        SigningInput NewInput() => new() { Method = "GET", Bucket = B, Key = "p/q r.txt", Query = [], Headers = SigningInput.CreateHeaders() };
        List<KeyValuePair<string, string>> v1 = OssV1Signer.Presign(NewInput(), credentials, clock.GetUtcNow().AddMinutes(10).ToUnixTimeSeconds());
        List<KeyValuePair<string, string>> v4 = OssV4Signer.Presign(NewInput(), credentials, clock.GetUtcNow(), TimeSpan.FromMinutes(10), server.Region);
        Uri Url(List<KeyValuePair<string, string>> query) => new(server.Endpoint, $"/{B}/{OssUriEncoder.EscapePath("p/q r.txt")}?" + string.Join('&', query.Select(p => OssUriEncoder.EscapeQuery(p.Key) + "=" + OssUriEncoder.EscapeQuery(p.Value))));

        Assert.Equal(new byte[] { 9, 8 }, await RawRequests.Http.GetByteArrayAsync(Url(v1)));
        Assert.Equal(new byte[] { 9, 8 }, await RawRequests.Http.GetByteArrayAsync(Url(v4)));

        clock.Advance(TimeSpan.FromMinutes(11));
        RawResponse expiredV1 = await RawRequests.SendAsync(new HttpRequestMessage(HttpMethod.Get, Url(v1)));
        RawResponse expiredV4 = await RawRequests.SendAsync(new HttpRequestMessage(HttpMethod.Get, Url(v4)));
        Assert.Equal((403, "AccessDenied"), (expiredV1.Status, expiredV1.ErrorCode));
        Assert.Equal((403, "AccessDenied"), (expiredV4.Status, expiredV4.ErrorCode));
        Assert.Contains("expired", expiredV4.XmlValue("Message"), StringComparison.OrdinalIgnoreCase);
    }

    private static string ExpectedV1StringToSign(SigningInput input, OssCredentials credentials, DateTimeOffset time)
    {
        OssV1Signer.Sign(input, credentials, time);
        return OssV1Signer.BuildStringToSign(input, input.Headers["Date"]);
    }

    private static string ExpectedV4StringToSign(SigningInput input, OssCredentials credentials, DateTimeOffset time, string region)
    {
        OssV4Signer.Sign(input, credentials, time, region);
        string xOssDate = input.Headers["x-oss-date"];
        string canonical = OssV4Signer.BuildCanonicalRequest(input, [], OssV4Signer.UnsignedPayload, input.Query);
        return OssV4Signer.BuildStringToSign(xOssDate, OssV4Signer.BuildScope(xOssDate[..8], region, "oss"), canonical);
    }
}
