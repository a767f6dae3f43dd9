using Oss.ResumableUpload.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Oss.ResumableUpload.Tests.Validation;

/// <summary>
/// Object keys, bucket names and other text that becomes the path or query: refused before any request when UTF-8
/// cannot carry it exactly (a lone surrogate would silently become U+FFFD, naming another object) or OSS rejects it.
/// </summary>
public sealed class KeyAndBucketTests : IDisposable
{
    private readonly WireMockOss _oss = new();

    public KeyAndBucketTests()
        => _oss.Server.Given(Request.Create().UsingAnyMethod())
            .RespondWith(Response.Create().WithBody("<InitiateMultipartUploadResult><Bucket>test-bucket</Bucket><UploadId>U1</UploadId></InitiateMultipartUploadResult>"));

    // Built in code and looped over in facts: xUnit's serialization of theory data would mangle a lone surrogate.
    private static readonly string[] s_loneSurrogateKeys =
    [
        "dir/a\uD800b",
        "dir/a\uDC00b",
        "\uDBFF",
        "tail\uD83D",
        "swapped\uDE00\uD83D",
    ];

    public void Dispose() => _oss.Dispose();

    [Fact]
    public async Task A_key_with_a_lone_surrogate_is_refused_by_every_operation()
    {
        foreach (string key in s_loneSurrogateKeys)
        {
            await AssertRefusedByEveryOperation(key);
        }
    }

    [Fact]
    public async Task A_key_with_a_proper_surrogate_pair_is_sent_as_its_utf8_bytes()
    {
        await _oss.Client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = WireMockOss.Bucket, ObjectKey = "emoji-\U0001F600" });
        // WireMock shows the path decoded: the emoji arrived whole, not as U+FFFD.
        Assert.Equal("/test-bucket/emoji-\U0001F600", _oss.Server.LogEntries.Single().RequestMessage.Path);
    }

    [Theory]
    [InlineData("Tags key")]
    [InlineData("Tags value")]
    public async Task A_tag_with_a_lone_surrogate_is_refused(string which)
    {
        var tags = which == "Tags key" ? new Dictionary<string, string> { ["a\uD800"] = "v" } : new Dictionary<string, string> { ["k"] = "\uDC00" };
        await AssertRefused("request", () => _oss.Client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = WireMockOss.Bucket, ObjectKey = "k", Tags = tags }));
    }

    [Fact]
    public async Task A_list_prefix_or_marker_with_a_lone_surrogate_is_refused()
    {
        await AssertRefused(null, () => _oss.Client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = WireMockOss.Bucket, Prefix = "p\uD800" }));
        await AssertRefused(null, () => _oss.Client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = WireMockOss.Bucket, KeyMarker = "\uDC00" }));
        await AssertRefused(null, () => _oss.Client.ListPartsAsync(new ListPartsRequest { BucketName = WireMockOss.Bucket, ObjectKey = "k", UploadId = "U\uD800" }));
    }

    [Fact]
    public async Task A_key_of_1023_utf8_bytes_is_accepted_and_1024_refused()
    {
        string longest = new string('a', 1020) + "\u4e2d"; // 1020 + 3 bytes
        await _oss.Client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = WireMockOss.Bucket, ObjectKey = longest });
        Assert.Single(_oss.Server.LogEntries);

        _oss.Server.ResetLogEntries();
        await AssertRefused("request", () => _oss.Client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = WireMockOss.Bucket, ObjectKey = new string('a', 1021) + "\u4e2d" }));
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("-abc")]
    [InlineData("abc-")]
    [InlineData("Abc")]
    [InlineData("a_b")]
    [InlineData("a.b")]
    [InlineData("a\r\nb")]
    [InlineData("")]
    [InlineData("a123456789012345678901234567890123456789012345678901234567890123")]
    public async Task A_bucket_name_outside_the_oss_rules_is_refused(string bucket)
        => await AssertRefused("request", () => _oss.Client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = bucket, ObjectKey = "k" }));

    [Theory]
    [InlineData("abc")]
    [InlineData("a-1-b")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890ab")]
    public void A_bucket_name_inside_the_oss_rules_is_accepted(string bucket)
        => Oss.ResumableUpload.Protocol.OssRequestValidation.ValidateBucketName(bucket, "bucketName");

    private async Task AssertRefusedByEveryOperation(string key)
    {
        await AssertRefused("request", () => _oss.Client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = WireMockOss.Bucket, ObjectKey = key }));
        await AssertRefused("request", () => _oss.Client.HeadObjectAsync(new HeadObjectRequest { BucketName = WireMockOss.Bucket, ObjectKey = key }));
        await AssertRefused("request", () => _oss.Client.PutObjectAsync(new PutObjectRequest { BucketName = WireMockOss.Bucket, ObjectKey = key, Content = new MemoryStream([1]) }));
        await AssertRefused("objectKey", () => _oss.Client.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = WireMockOss.Bucket, ObjectKey = key, UploadId = "U" }));
        await AssertRefused("request", () => _oss.Client.ResumableUploadAsync(new ResumableUploadRequest { BucketName = WireMockOss.Bucket, ObjectKey = key, UploadFilePath = "unused" }));
    }

    private async Task AssertRefused(string? paramName, Func<Task> call)
    {
        ArgumentException error = await Assert.ThrowsAnyAsync<ArgumentException>(call);
        Assert.IsNotType<FileNotFoundException>(error);
        if (paramName is not null)
        {
            Assert.Equal(paramName, error.ParamName);
        }

        Assert.Empty(_oss.Server.LogEntries);
    }
}
