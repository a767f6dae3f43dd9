using Microsoft.Extensions.Time.Testing;
using Oss.ResumableUpload.Tests.Infrastructure;

namespace Oss.ResumableUpload.Tests.Credentials;

/// <summary>The ECS RAM role provider against a local fake of the instance metadata service.</summary>
public sealed class EcsRamRoleCredentialsProviderTests
{
    private static readonly DateTimeOffset s_start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Gets_a_token_discovers_the_role_and_reads_its_credentials()
    {
        var time = new FakeTimeProvider(s_start);
        using var metadata = new FakeMetadataService(() => s_start.AddHours(6));
        var provider = Create(metadata, time);

        OssCredentials credentials = await provider.GetCredentialsAsync();

        Assert.Equal(new OssCredentials("STS.id-1", "secret-1", "token-1", s_start.AddHours(6)), credentials);
        FakeRequest[] requests = metadata.Server.Requests.ToArray();
        Assert.Equal("PUT", requests[0].Method);
        Assert.Equal("/latest/api/token", requests[0].Path);
        Assert.Equal("21600", requests[0].Header("X-aliyun-ecs-metadata-token-ttl-seconds"));
        Assert.All(requests.Skip(1), r => Assert.Equal(FakeMetadataService.Token, r.Header("X-aliyun-ecs-metadata-token")));
        Assert.Single(requests, r => r.Method == "GET" && r.Path == "/latest/meta-data/ram/security-credentials/");
        Assert.Equal(1, metadata.CredentialRequests);
    }

    [Fact]
    public async Task A_given_role_name_skips_discovery()
    {
        using var metadata = new FakeMetadataService(() => s_start.AddHours(6), role: "given-role");
        var provider = new EcsRamRoleCredentialsProvider(
            new EcsRamRoleCredentialsProviderOptions { MetadataEndpoint = metadata.BaseAddress, RoleName = "given-role", TimeProvider = new FakeTimeProvider(s_start) },
            _ => null);

        await provider.GetCredentialsAsync();

        Assert.Equal(1, metadata.CredentialRequests);
        Assert.DoesNotContain(metadata.Server.Requests, r => r.Path == "/latest/meta-data/ram/security-credentials/");
    }

    [Fact]
    public async Task The_role_name_can_come_from_ALIBABA_CLOUD_ECS_METADATA()
    {
        using var metadata = new FakeMetadataService(() => s_start.AddHours(6), role: "env-role");
        var provider = new EcsRamRoleCredentialsProvider(
            new EcsRamRoleCredentialsProviderOptions { MetadataEndpoint = metadata.BaseAddress, TimeProvider = new FakeTimeProvider(s_start) },
            name => name == "ALIBABA_CLOUD_ECS_METADATA" ? "env-role" : null);

        await provider.GetCredentialsAsync();

        Assert.Equal(1, metadata.CredentialRequests);
        Assert.DoesNotContain(metadata.Server.Requests, r => r.Path == "/latest/meta-data/ram/security-credentials/");
    }

    [Fact]
    public async Task Without_a_metadata_token_it_falls_back_to_IMDSv1_unless_disabled()
    {
        using var metadata = new FakeMetadataService(() => s_start.AddHours(6)) { TokenSupported = false };

        OssCredentials credentials = await Create(metadata, new FakeTimeProvider(s_start)).GetCredentialsAsync();
        Assert.Equal("STS.id-1", credentials.AccessKeyId);
        Assert.All(metadata.Server.Requests.Where(r => r.Method == "GET"), r => Assert.Null(r.Header("X-aliyun-ecs-metadata-token")));

        var strict = new EcsRamRoleCredentialsProvider(
            new EcsRamRoleCredentialsProviderOptions { MetadataEndpoint = metadata.BaseAddress, TimeProvider = new FakeTimeProvider(s_start) },
            name => name == "ALIBABA_CLOUD_IMDSV1_DISABLED" ? "true" : null);
        var ex = await Assert.ThrowsAsync<OssClientException>(async () => await strict.GetCredentialsAsync());
        Assert.Equal(OssClientErrorCode.CredentialsUnavailable, ex.ErrorCode);
        Assert.Contains("IMDSv1 is disabled", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Thirty_two_concurrent_callers_near_expiry_cause_one_request()
    {
        var time = new FakeTimeProvider(s_start);
        using var metadata = new FakeMetadataService(() => time.GetUtcNow().AddHours(1));
        var provider = Create(metadata, time);
        await provider.GetCredentialsAsync();
        Assert.Equal(1, metadata.CredentialRequests);

        time.Advance(TimeSpan.FromMinutes(56)); // inside the 5-minute refresh window
        metadata.CredentialsDelay = TimeSpan.FromMilliseconds(200); // every caller arrives while the refresh is in flight
        OssCredentials[] results = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(async () => await provider.GetCredentialsAsync())));

        Assert.Equal(2, metadata.CredentialRequests);
        Assert.All(results, r => Assert.Equal("STS.id-2", r.AccessKeyId));
    }

    [Fact]
    public async Task A_failing_refresh_keeps_valid_credentials_then_fails_after_expiry()
    {
        var time = new FakeTimeProvider(s_start);
        var log = new ListLoggerFactory();
        using var metadata = new FakeMetadataService(() => s_start.AddHours(1));
        var provider = new EcsRamRoleCredentialsProvider(
            new EcsRamRoleCredentialsProviderOptions { MetadataEndpoint = metadata.BaseAddress, TimeProvider = time, LoggerFactory = log },
            _ => null);
        OssCredentials first = await provider.GetCredentialsAsync();

        metadata.CredentialsOverride = new FakeReply(500, "internal error");
        time.Advance(TimeSpan.FromMinutes(58));
        Assert.Same(first, await provider.GetCredentialsAsync());
        Assert.True(log.Has(OssDiagnostics.EventIds.CredentialsRefreshFailed), log.AllText);

        time.Advance(TimeSpan.FromMinutes(3)); // now past the expiry
        var ex = await Assert.ThrowsAsync<OssClientException>(async () => await provider.GetCredentialsAsync());
        Assert.Equal(OssClientErrorCode.CredentialsUnavailable, ex.ErrorCode);
        Assert.Contains("500", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-1", log.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("token-1", log.AllText, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> MalformedReplies => new()
    {
        { "not json at all", "not a JSON object" },
        { "[1,2,3]", "not a JSON object" },
        { """{"Code":"Failed","AccessKeyId":"a","AccessKeySecret":"s3cr3t","SecurityToken":"t","Expiration":"2026-03-01T14:00:00Z"}""", "Code 'Failed'" },
        { """{"Code":"Success","AccessKeyId":"a","AccessKeySecret":"s3cr3t","Expiration":"2026-03-01T14:00:00Z"}""", "without SecurityToken" },
        { """{"Code":"Success","AccessKeyId":"a","AccessKeySecret":"s3cr3t","SecurityToken":"t","Expiration":"tomorrow-ish"}""", "Expiration" },
        { """{"Code":"Success","AccessKeyId":"a","AccessKeySecret":"s3cr3t","SecurityToken":"t""", "not a JSON object" },
    };

    [Theory]
    [MemberData(nameof(MalformedReplies))]
    public async Task Malformed_replies_are_typed_errors_that_do_not_echo_the_secret(string body, string expected)
    {
        using var metadata = new FakeMetadataService(() => s_start.AddHours(6)) { CredentialsOverride = FakeReply.Ok(body) };

        var ex = await Assert.ThrowsAsync<OssClientException>(async () => await Create(metadata, new FakeTimeProvider(s_start)).GetCredentialsAsync());

        Assert.Equal(OssClientErrorCode.CredentialsUnavailable, ex.ErrorCode);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_oversized_reply_is_refused()
    {
        using var metadata = new FakeMetadataService(() => s_start.AddHours(6)) { CredentialsOverride = FakeReply.Ok(new string('x', 200_000)) };

        var ex = await Assert.ThrowsAsync<OssClientException>(async () => await Create(metadata, new FakeTimeProvider(s_start)).GetCredentialsAsync());

        Assert.Contains("longer than 65536 bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redirect_is_refused()
    {
        using var metadata = new FakeMetadataService(() => s_start.AddHours(6)) { CredentialsOverride = new FakeReply(302, "", Location: "http://198.51.100.7/steal") };

        var ex = await Assert.ThrowsAsync<OssClientException>(async () => await Create(metadata, new FakeTimeProvider(s_start)).GetCredentialsAsync());

        Assert.Contains("redirect", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_silent_service_times_out_with_a_typed_error()
    {
        using var metadata = new FakeMetadataService(() => DateTimeOffset.UtcNow.AddHours(6)) { CredentialsDelay = TimeSpan.FromSeconds(5) };
        var provider = new EcsRamRoleCredentialsProvider(
            new EcsRamRoleCredentialsProviderOptions { MetadataEndpoint = metadata.BaseAddress, RequestTimeout = TimeSpan.FromMilliseconds(300) },
            _ => null);

        var ex = await Assert.ThrowsAsync<OssClientException>(async () => await provider.GetCredentialsAsync());

        Assert.Equal(OssClientErrorCode.CredentialsUnavailable, ex.ErrorCode);
        Assert.Contains("did not answer within 0.3 s", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_options_are_refused_at_construction()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new EcsRamRoleCredentialsProvider(new EcsRamRoleCredentialsProviderOptions { RequestTimeout = TimeSpan.Zero }));
        Assert.Throws<ArgumentException>(() => new EcsRamRoleCredentialsProvider(new EcsRamRoleCredentialsProviderOptions { MetadataEndpoint = new Uri("/relative", UriKind.Relative) }));
        Assert.Throws<ArgumentException>(() => new EcsRamRoleCredentialsProvider(new EcsRamRoleCredentialsProviderOptions { RoleName = "bad/role" }));
    }

    private static EcsRamRoleCredentialsProvider Create(FakeMetadataService metadata, TimeProvider time)
        => new(new EcsRamRoleCredentialsProviderOptions { MetadataEndpoint = metadata.BaseAddress, TimeProvider = time }, _ => null);
}
