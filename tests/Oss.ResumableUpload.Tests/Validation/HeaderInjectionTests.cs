using Oss.ResumableUpload.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Oss.ResumableUpload.Tests.Validation;

/// <summary>
/// Every caller value that becomes a header is refused with an ArgumentException naming the parameter, before any
/// request reaches the server: a CR or LF would otherwise put a header of the caller's choosing on the wire.
/// </summary>
public sealed class HeaderInjectionTests : IDisposable
{
    private readonly WireMockOss _oss = new();

    public HeaderInjectionTests()
        => _oss.Server.Given(Request.Create().UsingAnyMethod())
            .RespondWith(Response.Create().WithBody("<InitiateMultipartUploadResult><Bucket>test-bucket</Bucket><Key>k</Key><UploadId>U1</UploadId></InitiateMultipartUploadResult>"));

    public static TheoryData<string> BadValues => new()
    {
        "text/plain\r\nx-oss-injected: yes",
        "text/plain\nx-oss-injected: yes",
        "text/plain\rx",
        "a\0b",
        "a\u0001b",
        "a\u007fb",
        "caf\u00e9",
        "\u4e2d\u6587",
    };

    public static TheoryData<string> InitiateFields => new() { "ContentType", "StorageClass", "ServerSideEncryption", "ServerSideEncryptionKeyId", "MetadataValue" };

    public void Dispose() => _oss.Dispose();

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task A_bad_initiate_header_value_is_refused_before_any_request(string bad)
    {
        foreach (string field in InitiateFields)
        {
            var request = new InitiateMultipartUploadRequest
            {
                BucketName = WireMockOss.Bucket,
                ObjectKey = "k",
                ContentType = field == "ContentType" ? bad : null,
                StorageClass = field == "StorageClass" ? bad : null,
                ServerSideEncryption = field == "ServerSideEncryption" ? bad : null,
                ServerSideEncryptionKeyId = field == "ServerSideEncryptionKeyId" ? bad : null,
                Metadata = field == "MetadataValue" ? new Dictionary<string, string> { ["m"] = bad } : null,
            };

            ArgumentException error = await Assert.ThrowsAnyAsync<ArgumentException>(() => _oss.Client.InitiateMultipartUploadAsync(request));
            Assert.Equal("request", error.ParamName);
            Assert.Empty(_oss.Server.LogEntries);
        }
    }

    [Fact]
    public async Task A_crlf_in_content_type_puts_no_injected_header_on_the_wire()
    {
        // Before the fix this call succeeded and WireMock logged a separate header x-oss-injected: yes.
        var request = new InitiateMultipartUploadRequest { BucketName = WireMockOss.Bucket, ObjectKey = "k", ContentType = "text/plain\r\nx-oss-injected: yes" };

        ArgumentException error = await Assert.ThrowsAnyAsync<ArgumentException>(() => _oss.Client.InitiateMultipartUploadAsync(request));

        Assert.Contains("InitiateMultipartUploadRequest.ContentType", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_oss.Server.LogEntries, e => e.RequestMessage.Headers!.ContainsKey("x-oss-injected"));
        Assert.Empty(_oss.Server.LogEntries);
    }

    [Theory]
    [InlineData("bad name")]
    [InlineData("bad\r\nname")]
    [InlineData("bad:name")]
    [InlineData("caf\u00e9")]
    [InlineData("")]
    public async Task A_metadata_name_that_is_not_a_header_token_is_refused(string name)
    {
        var request = new InitiateMultipartUploadRequest { BucketName = WireMockOss.Bucket, ObjectKey = "k", Metadata = new Dictionary<string, string> { [name] = "v" } };
        ArgumentException error = await Assert.ThrowsAnyAsync<ArgumentException>(() => _oss.Client.InitiateMultipartUploadAsync(request));
        Assert.Equal("request", error.ParamName);
        Assert.Empty(_oss.Server.LogEntries);
    }

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task A_bad_put_object_content_type_is_refused_before_any_request(string bad)
    {
        var request = new PutObjectRequest { BucketName = WireMockOss.Bucket, ObjectKey = "k", Content = new MemoryStream([1, 2, 3]), ContentType = bad };
        ArgumentException error = await Assert.ThrowsAnyAsync<ArgumentException>(() => _oss.Client.PutObjectAsync(request));
        Assert.Equal("request", error.ParamName);
        Assert.Empty(_oss.Server.LogEntries);
    }

    [Theory]
    [InlineData("http://cb.example.com/\r\nx-injected: 1", null)]
    [InlineData("http://cb.example.com/", "cb.example.com\r\nx-injected: 1")]
    [InlineData("http://cb.example.com/\u0000", null)]
    public async Task A_callback_url_or_host_with_control_characters_is_refused(string url, string? host)
    {
        var request = new CompleteMultipartUploadRequest
        {
            BucketName = WireMockOss.Bucket,
            ObjectKey = "k",
            UploadId = "U",
            Parts = [new PartETag(1, "\"E\"")],
            Callback = new OssUploadCallback { CallbackUrl = url, CallbackHost = host, CallbackBody = "bucket=${bucket}" },
        };
        ArgumentException error = await Assert.ThrowsAnyAsync<ArgumentException>(() => _oss.Client.CompleteMultipartUploadAsync(request));
        Assert.Equal("request", error.ParamName);
        Assert.Empty(_oss.Server.LogEntries);
    }

    [Theory]
    [InlineData("ContentType")]
    [InlineData("MetadataValue")]
    public async Task A_bad_resumable_header_value_is_refused_before_the_file_is_opened(string field)
    {
        // The file does not exist: the header check must come first, so the error is an ArgumentException, not FileNotFound.
        var request = new ResumableUploadRequest
        {
            BucketName = WireMockOss.Bucket,
            ObjectKey = "k",
            UploadFilePath = Path.Combine(Path.GetTempPath(), "oss-validation-missing-" + Guid.NewGuid().ToString("N")),
            ContentType = field == "ContentType" ? "text/plain\r\nx-oss-injected: yes" : null,
            Metadata = field == "MetadataValue" ? new Dictionary<string, string> { ["m"] = "v\r\nx-oss-injected: yes" } : null,
        };

        ArgumentException error = await Assert.ThrowsAnyAsync<ArgumentException>(() => _oss.Client.ResumableUploadAsync(request));
        Assert.IsNotType<FileNotFoundException>(error);
        Assert.Equal("request", error.ParamName);
        Assert.Empty(_oss.Server.LogEntries);
    }

    [Fact]
    public async Task Printable_ascii_with_inner_space_and_tab_still_goes_out_unchanged()
    {
        await _oss.Client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = WireMockOss.Bucket,
            ObjectKey = "k",
            ContentType = "text/plain; charset=utf-8",
            Metadata = new Dictionary<string, string> { ["note"] = "a b\tc ~!@#$%^&*()" },
        });

        var headers = _oss.Server.LogEntries.Single().RequestMessage.Headers!;
        Assert.Equal("text/plain; charset=utf-8", headers["Content-Type"].ToString());
        Assert.Equal("a b\tc ~!@#$%^&*()", headers["x-oss-meta-note"].ToString());
    }
}
