using System.Net;
using Microsoft.Extensions.Time.Testing;
using Oss.ResumableUpload.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Oss.ResumableUpload.Tests.Protocol;

/// <summary>Error mapping and the retry policy, read as a table.</summary>
public sealed class ErrorAndRetryTests : IDisposable
{
    private const string InitiateReply = "<InitiateMultipartUploadResult><Bucket>test-bucket</Bucket><Key>k</Key><UploadId>U-OK</UploadId></InitiateMultipartUploadResult>";
    private readonly WireMockOss _oss = new(maxRetries: 3);

    public void Dispose() => _oss.Dispose();

    [Theory]
    [InlineData(500, "InternalError", true)]
    [InlineData(502, "BadGateway", true)]
    [InlineData(503, "ServiceUnavailable", true)]
    [InlineData(503, "TotalQpsLimitExceeded", true)]
    [InlineData(504, "GatewayTimeout", true)]
    [InlineData(408, "RequestTimeout", true)]
    [InlineData(429, "TooManyRequests", true)]
    [InlineData(400, "InvalidArgument", false)]
    [InlineData(400, "InvalidDigest", false)]
    [InlineData(400, "MalformedXML", false)]
    [InlineData(403, "AccessDenied", false)]
    [InlineData(403, "SignatureDoesNotMatch", false)]
    [InlineData(403, "InvalidAccessKeyId", false)]
    [InlineData(404, "NoSuchUpload", false)]
    [InlineData(404, "NoSuchBucket", false)]
    [InlineData(409, "FileAlreadyExists", false)]
    public async Task Status_is_retried_only_when_transient(int status, string code, bool retried)
    {
        FailTwiceThenSucceed(status, code);

        Task<InitiateMultipartUploadResult> call = Initiate();

        if (retried)
        {
            Assert.Equal("U-OK", (await call).UploadId);
            Assert.Equal(3, _oss.Server.LogEntries.Count());
        }
        else
        {
            var ex = await Assert.ThrowsAsync<OssServiceException>(() => call);
            Assert.Equal(status, ex.StatusCode);
            Assert.Equal(code, ex.ErrorCode);
            Assert.False(ex.IsTransient);
            Assert.Single(_oss.Server.LogEntries);
        }
    }

    [Fact]
    public async Task Transient_failures_beyond_the_budget_surface_the_last_error()
    {
        _oss.Server.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(503).WithHeader("x-oss-request-id", "RID-503").WithBody(WireMockOss.ErrorXml("ServiceUnavailable", "busy", "RID-503")));

        var ex = await Assert.ThrowsAsync<OssServiceException>(Initiate);

        Assert.Equal(503, ex.StatusCode);
        Assert.True(ex.IsTransient);
        Assert.Equal(4, _oss.Server.LogEntries.Count()); // 1 + MaxRetryAttempts
    }

    [Fact]
    public async Task Zero_retry_attempts_sends_once()
    {
        using var oss = new WireMockOss(maxRetries: 0);
        oss.Server.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(500).WithBody(WireMockOss.ErrorXml("InternalError")));

        await Assert.ThrowsAsync<OssServiceException>(() => oss.Client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = WireMockOss.Bucket, ObjectKey = "k" }));

        Assert.Single(oss.Server.LogEntries);
    }

    [Fact]
    public async Task Connection_reset_before_the_reply_is_retried()
    {
        using var server = new RawHttpServer(i => i < 2 ? RawHttpServer.Reset() : RawHttpServer.Reply(200, InitiateReply));
        using OssClient client = RawClient(server.Endpoint);

        InitiateMultipartUploadResult result = await Initiate(client);

        Assert.Equal("U-OK", result.UploadId);
        Assert.Equal(3, server.Requests);
    }

    [Fact]
    public async Task Connection_resets_after_all_retries_become_network_failure()
    {
        using var server = new RawHttpServer(_ => RawHttpServer.Reset());
        using OssClient client = RawClient(server.Endpoint);

        var ex = await Assert.ThrowsAsync<OssClientException>(() => Initiate(client));

        Assert.Equal(OssClientErrorCode.NetworkFailure, ex.ErrorCode);
        Assert.True(ex.IsTransient);
        Assert.Contains("4 attempt", ex.Message, StringComparison.Ordinal);
        Assert.Equal(4, server.Requests);
    }

    [Fact]
    public async Task A_reply_slower_than_the_timeout_is_abandoned_and_retried()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var server = new RawHttpServer(i => i == 0
            ? RawHttpServer.Delayed(TimeSpan.FromSeconds(30), RawHttpServer.Reply(200, InitiateReply))
            : RawHttpServer.Reply(200, InitiateReply.Replace("U-OK", "U-FAST", StringComparison.Ordinal)));
        using var client = new OssClient(new OssClientOptions
        {
            Endpoint = server.Endpoint,
            Region = "cn-hangzhou",
            Credentials = new StaticCredentialsProvider("id", "secret"),
            RetryBaseDelay = TimeSpan.Zero,
            RequestTimeout = TimeSpan.FromSeconds(10),
            TimeProvider = time,
        });

        Task<InitiateMultipartUploadResult> call = Initiate(client);
        await Eventually.WaitUntilAsync(() => server.Requests > 0, "the first request to arrive");

        // The first request has arrived and its answer is held back; move the fake clock past the attempt timeout.
        time.Advance(TimeSpan.FromSeconds(11));

        Assert.Equal("U-FAST", (await call).UploadId);
        Assert.Equal(2, server.Requests);
    }

    [Fact]
    public async Task Retry_after_header_sets_the_delay()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var logs = new ListLoggerFactory();
        using var oss = new WireMockOss(time: time, loggerFactory: logs);
        oss.Server.Given(Request.Create().UsingPost()).InScenario("qos").WillSetStateTo("ok")
            .RespondWith(Response.Create().WithStatusCode(503).WithHeader("Retry-After", "7").WithBody(WireMockOss.ErrorXml("ServiceUnavailable")));
        oss.Server.Given(Request.Create().UsingPost()).InScenario("qos").WhenStateIs("ok").RespondWith(Response.Create().WithBody(InitiateReply));

        Task<InitiateMultipartUploadResult> call = oss.Client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = WireMockOss.Bucket, ObjectKey = "k" });
        await Eventually.WaitUntilAsync(() => logs.Has(1003), "the retry to be logged");

        Assert.Contains("retrying in 7000 ms", logs.Lines.Single(l => l.EventId.Id == 1003).Message, StringComparison.Ordinal);
        Assert.False(call.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(7));
        Assert.Equal("U-OK", (await call).UploadId);
    }

    [Fact]
    public async Task Qos_delay_header_sets_the_delay()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var logs = new ListLoggerFactory();
        using var oss = new WireMockOss(time: time, loggerFactory: logs);
        oss.Server.Given(Request.Create().UsingPost()).InScenario("qos").WillSetStateTo("ok")
            .RespondWith(Response.Create().WithStatusCode(503).WithHeader("x-oss-qos-delay-time", "1500").WithBody(WireMockOss.ErrorXml("UploadTrafficRateLimitExceeded")));
        oss.Server.Given(Request.Create().UsingPost()).InScenario("qos").WhenStateIs("ok").RespondWith(Response.Create().WithBody(InitiateReply));

        Task<InitiateMultipartUploadResult> call = oss.Client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = WireMockOss.Bucket, ObjectKey = "k" });
        await Eventually.WaitUntilAsync(() => logs.Has(1003), "the retry to be logged");

        Assert.Contains("retrying in 1500 ms", logs.Lines.Single(l => l.EventId.Id == 1003).Message, StringComparison.Ordinal);
        time.Advance(TimeSpan.FromMilliseconds(1500));
        Assert.Equal("U-OK", (await call).UploadId);
    }

    [Fact]
    public async Task Clock_skew_is_learned_from_the_server_date_and_the_request_resigned()
    {
        // The local clock is an hour slow; the server stamps replies with the real time in its Date header.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-1));
        using var oss = new WireMockOss(time: time, maxRetries: 0);
        oss.Server.Given(Request.Create().UsingPost()).InScenario("skew").WillSetStateTo("ok")
            .RespondWith(Response.Create().WithStatusCode(403).WithBody(WireMockOss.ErrorXml("RequestTimeTooSkewed")));
        oss.Server.Given(Request.Create().UsingPost()).InScenario("skew").WhenStateIs("ok").RespondWith(Response.Create().WithBody(InitiateReply));

        Assert.Equal("U-OK", (await Initiate(oss)).UploadId);

        DateTimeOffset[] dates = oss.Server.LogEntries
            .Select(e => DateTimeOffset.ParseExact(e.RequestMessage.Headers!["x-oss-date"].ToString(), "yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal))
            .ToArray();
        Assert.Equal(2, dates.Length);
        Assert.InRange(dates[1] - dates[0], TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(61));
        Assert.InRange(dates[1], DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task Repeated_clock_skew_is_not_retried_forever()
    {
        using var oss = new WireMockOss(time: new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-1)), maxRetries: 0);
        oss.Server.Given(Request.Create().UsingPost())
            .RespondWith(Response.Create().WithStatusCode(403).WithBody(WireMockOss.ErrorXml("RequestTimeTooSkewed")));

        var ex = await Assert.ThrowsAsync<OssServiceException>(() => oss.Client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = WireMockOss.Bucket, ObjectKey = "k" }));

        Assert.Equal("RequestTimeTooSkewed", ex.ErrorCode);
        Assert.Equal(2, oss.Server.LogEntries.Count());
    }

    [Fact]
    public async Task Expired_security_token_refreshes_credentials_and_retries_once()
    {
        var provider = new SequenceCredentialsProvider(new OssCredentials("id1", "secret1", "token-1"), new OssCredentials("id2", "secret2", "token-2"));
        using var oss = new WireMockOss(credentials: provider, maxRetries: 0);
        oss.Server.Given(Request.Create().UsingPost()).InScenario("sts").WillSetStateTo("ok")
            .RespondWith(Response.Create().WithStatusCode(403).WithBody(WireMockOss.ErrorXml("SecurityTokenExpired")));
        oss.Server.Given(Request.Create().UsingPost()).InScenario("sts").WhenStateIs("ok").RespondWith(Response.Create().WithBody(InitiateReply));

        await oss.Client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = WireMockOss.Bucket, ObjectKey = "k" });

        var tokens = oss.Server.LogEntries.Select(e => e.RequestMessage.Headers!["x-oss-security-token"].ToString()).ToArray();
        Assert.Equal(["token-1", "token-2"], tokens);
        Assert.StartsWith("OSS4-HMAC-SHA256 Credential=id2/", oss.Server.LogEntries.Last().RequestMessage.Headers!["Authorization"].ToString(), StringComparison.Ordinal);
        Assert.Equal(2, provider.Calls);
    }

    [Fact]
    public async Task Credentials_are_refreshed_before_they_expire()
    {
        var now = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);
        var time = new FakeTimeProvider(now);
        var provider = new SequenceCredentialsProvider(new OssCredentials("id1", "s1", "t1", now.AddMinutes(30)), new OssCredentials("id2", "s2", "t2", now.AddHours(2)));
        using var oss = new WireMockOss(credentials: provider, time: time);
        oss.Server.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithBody(InitiateReply));

        await Initiate(oss);
        await Initiate(oss);
        Assert.Equal(1, provider.Calls);
        time.Advance(TimeSpan.FromMinutes(26)); // inside the 5-minute refresh window
        await Initiate(oss);

        Assert.Equal(2, provider.Calls);
        Assert.Equal("t2", oss.Server.LogEntries.Last().RequestMessage.Headers!["x-oss-security-token"].ToString());
    }

    [Theory]
    [InlineData(404, "NoSuchUpload", "The specified upload does not exist.", "0017-00000244")]
    [InlineData(400, "InvalidDigest", "The Content-MD5 you specified is not valid.", "0017-00000101")]
    [InlineData(400, "InvalidPart", "One or more of the specified parts could not be found.", "0042-00000205")]
    [InlineData(400, "InvalidPartOrder", "The list of parts was not in ascending order.", "0042-00000209")]
    [InlineData(400, "EntityTooSmall", "Your proposed upload smaller than the minimum allowed size.", "0042-00000213")]
    [InlineData(400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size.", "0042-00000214")]
    [InlineData(400, "InvalidArgument", "Part number must be an integer between 1 and 10000, inclusive.", "0017-00000220")]
    [InlineData(400, "MalformedXML", "The XML you provided was not well-formed.", "0042-00000201")]
    [InlineData(403, "InvalidSecurityToken", "The security token you provided is invalid.", "0002-00000003")]
    [InlineData(403, "AccessKeyIdAndSecurityTokenNotMatch", "not match", "0002-00000004")]
    [InlineData(403, "InvalidAccessKeyId", "The OSS Access Key Id you provided does not exist in our records.", "0002-00000001")]
    [InlineData(403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided.", "0002-00000040")]
    [InlineData(403, "AccessDenied", "You have no right to access this object.", "0003-00000001")]
    [InlineData(409, "FileAlreadyExists", "The object you specified already exists and can not be overwritten.", "0015-00000114")]
    [InlineData(500, "InternalError", "Please contact the server administrator.", "0000-00000000")]
    [InlineData(503, "ServiceUnavailable", "Please reduce your request rate.", "0000-00000001")]
    [InlineData(503, "ActiveRequestLimitExceeded", "Please reduce your request rate.", "0000-00000002")]
    public async Task Every_error_code_maps_to_a_service_exception_with_its_diagnostics(int status, string code, string message, string ec)
    {
        using var oss = new WireMockOss(maxRetries: 0);
        oss.Server.Given(Request.Create().UsingPut())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("x-oss-request-id", "RID-E").WithBody(WireMockOss.ErrorXml(code, message, "RID-E", ec)));

        var ex = await Assert.ThrowsAsync<OssServiceException>(() => oss.Client.UploadPartAsync(new UploadPartRequest { BucketName = WireMockOss.Bucket, ObjectKey = "dir/k", UploadId = "U1", PartNumber = 3, Content = new MemoryStream([1, 2, 3]) }));

        Assert.Equal(status, ex.StatusCode);
        Assert.Equal(code, ex.ErrorCode);
        Assert.Equal("RID-E", ex.RequestId);
        Assert.Equal("test-bucket.oss-cn-hangzhou.aliyuncs.com", ex.HostId);
        Assert.Equal(ec, ex.Ec);
        Assert.StartsWith($"PUT /test-bucket/dir/k?partNumber=3&uploadId=U1 failed: {status} ({(HttpStatusCode)status}) {code}", ex.Message, StringComparison.Ordinal);
        Assert.Contains("RequestId RID-E", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(WireMockOss.AccessKeySecret, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Error_with_unparseable_body_still_reports_status_and_request_id()
    {
        _oss.Server.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(400).WithHeader("x-oss-request-id", "RID-HTML").WithBody("<html>proxy error</html>"));

        var ex = await Assert.ThrowsAsync<OssServiceException>(Initiate);

        Assert.Equal(400, ex.StatusCode);
        Assert.Equal("BadRequest", ex.ErrorCode);
        Assert.Equal("RID-HTML", ex.RequestId);
    }

    [Fact]
    public async Task Malformed_success_reply_is_an_invalid_response_error()
    {
        _oss.Server.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithBody("<InitiateMultipartUploadResult><Bucket>b</Bucket></InitiateMultipartUploadResult>"));

        var ex = await Assert.ThrowsAsync<OssClientException>(Initiate);

        Assert.Equal(OssClientErrorCode.InvalidResponse, ex.ErrorCode);
        Assert.Contains("UploadId", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_stops_a_pending_request_with_operation_canceled()
    {
        var signal = new SignalingHandler();
        using var oss = new WireMockOss(handler: signal);
        oss.Server.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithDelay(TimeSpan.FromSeconds(20)).WithBody(InitiateReply));
        using var cts = new CancellationTokenSource();

        Task<InitiateMultipartUploadResult> call = oss.Client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = WireMockOss.Bucket, ObjectKey = "k" }, cts.Token);
        await signal.WaitForRequestAsync();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Empty(oss.Server.LogEntries); // WireMock logs a request when it has answered it: this one never was
    }

    private Task<InitiateMultipartUploadResult> Initiate() => Initiate(_oss);

    private static Task<InitiateMultipartUploadResult> Initiate(WireMockOss oss)
        => oss.Client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = WireMockOss.Bucket, ObjectKey = "k" });

    private static OssClient RawClient(Uri endpoint) => new(new OssClientOptions
    {
        Endpoint = endpoint,
        Region = "cn-hangzhou",
        Credentials = new StaticCredentialsProvider("id", "secret"),
        RetryBaseDelay = TimeSpan.Zero,
    });

    private static Task<InitiateMultipartUploadResult> Initiate(OssClient client)
        => client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = WireMockOss.Bucket, ObjectKey = "k" });

    private void FailTwiceThenSucceed(int status, string code)
    {
        _oss.Server.Given(Request.Create().UsingPost()).InScenario("s").WillSetStateTo("1")
            .RespondWith(Response.Create().WithStatusCode(status).WithBody(WireMockOss.ErrorXml(code)));
        _oss.Server.Given(Request.Create().UsingPost()).InScenario("s").WhenStateIs("1").WillSetStateTo("2")
            .RespondWith(Response.Create().WithStatusCode(status).WithBody(WireMockOss.ErrorXml(code)));
        _oss.Server.Given(Request.Create().UsingPost()).InScenario("s").WhenStateIs("2")
            .RespondWith(Response.Create().WithBody(InitiateReply));
    }

    private sealed class SequenceCredentialsProvider(params OssCredentials[] sequence) : IOssCredentialsProvider
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public ValueTask<OssCredentials> GetCredentialsAsync(CancellationToken cancellationToken = default)
        {
            int call = Interlocked.Increment(ref _calls);
            return ValueTask.FromResult(sequence[Math.Min(call, sequence.Length) - 1]);
        }
    }
}
