using System.Security.Cryptography;
using System.Text;
using Oss.ResumableUpload.Hashing;
using Oss.ResumableUpload.Operations;
using Oss.ResumableUpload.Transport;

namespace Oss.ResumableUpload.Tests.Protocol;

/// <summary>The request builders alone: method, resource, query and headers of each operation, with no HTTP at all.</summary>
public sealed class RequestBuilderTests
{
    private const string Bucket = "test-bucket";

    [Fact]
    public void Initiate_is_a_post_on_the_key_with_uploads_and_the_object_headers()
    {
        OssOperation operation = MultipartRequests.Initiate(new InitiateMultipartUploadRequest
        {
            BucketName = Bucket,
            ObjectKey = "dir/movie.mp4",
            ContentType = "video/mp4",
            Metadata = new Dictionary<string, string> { ["Author"] = "alice" },
            StorageClass = "IA",
            ForbidOverwrite = true,
        });

        Assert.Equal("InitiateMultipartUpload", operation.Name);
        Assert.Equal(HttpMethod.Post, operation.Method);
        Assert.Equal("/test-bucket/dir/movie.mp4?uploads&encoding-type=url", operation.DescribeResource());
        Assert.Equal("video/mp4", operation.Headers["Content-Type"]);
        Assert.Equal("alice", operation.Headers["x-oss-meta-author"]);
        Assert.Equal("IA", operation.Headers["x-oss-storage-class"]);
        Assert.Equal("true", operation.Headers["x-oss-forbid-overwrite"]);
        Assert.Null(operation.Body);
    }

    [Fact]
    public void Initiate_writes_every_object_setting_and_no_traffic_limit()
    {
        OssOperation operation = MultipartRequests.Initiate(new InitiateMultipartUploadRequest
        {
            BucketName = Bucket,
            ObjectKey = "k",
            ServerSideEncryption = "KMS",
            ServerSideEncryptionKeyId = "cmk",
            Tags = new Dictionary<string, string> { ["a b"] = "c&d", ["e"] = "f" },
            ObjectAcl = "private",
            CacheControl = "max-age=1",
            ContentDisposition = "inline",
            ContentEncoding = "gzip",
            Expires = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.FromHours(8)),
        });

        Assert.Equal("KMS", operation.Headers["x-oss-server-side-encryption"]);
        Assert.Equal("cmk", operation.Headers["x-oss-server-side-encryption-key-id"]);
        Assert.Equal("a%20b=c%26d&e=f", operation.Headers["x-oss-tagging"]);
        Assert.Equal("private", operation.Headers["x-oss-object-acl"]);
        Assert.Equal("max-age=1", operation.Headers["Cache-Control"]);
        Assert.Equal("inline", operation.Headers["Content-Disposition"]);
        Assert.Equal("gzip", operation.Headers["Content-Encoding"]);
        Assert.Equal("Tue, 01 Jan 2030 19:04:05 GMT", operation.Headers["Expires"]);
        Assert.False(operation.Headers.ContainsKey("x-oss-traffic-limit"));
        Assert.False(operation.Headers.ContainsKey("x-oss-forbid-overwrite"));
    }

    [Fact]
    public void UploadPart_and_PutObject_carry_the_traffic_limit()
    {
        var md5 = new Md5Digest(MD5.HashData("part"u8));

        Assert.Equal("819200", MultipartRequests.UploadPart(Bucket, "k", "U", 1, md5, 819_200).Headers["x-oss-traffic-limit"]);
        Assert.False(MultipartRequests.UploadPart(Bucket, "k", "U", 1, md5).Headers.ContainsKey("x-oss-traffic-limit"));
        Assert.Equal("838860800", ObjectRequests.PutObject(Bucket, "k", md5, new Oss.ResumableUpload.Protocol.ObjectSettings(), callback: null, trafficLimit: 838_860_800).Headers["x-oss-traffic-limit"]);
    }

    [Fact]
    public void UploadPart_is_a_put_with_part_number_upload_id_and_content_md5()
    {
        var md5 = new Md5Digest(MD5.HashData("part"u8));

        OssOperation operation = MultipartRequests.UploadPart(Bucket, "k", "UP/1", 7, md5);

        Assert.Equal(HttpMethod.Put, operation.Method);
        Assert.Equal("/test-bucket/k?partNumber=7&uploadId=UP%2F1", operation.DescribeResource());
        Assert.Equal(Convert.ToBase64String(MD5.HashData("part"u8)), operation.Headers["Content-MD5"]);
        Assert.Equal(7, operation.PartNumber);
    }

    [Fact]
    public void ListParts_carries_the_page_in_the_query()
    {
        OssOperation operation = MultipartRequests.ListParts(new ListPartsRequest { BucketName = Bucket, ObjectKey = "k", UploadId = "U", MaxParts = 50, PartNumberMarker = 10 });

        Assert.Equal(HttpMethod.Get, operation.Method);
        Assert.Equal(
            [new("uploadId", "U"), new("encoding-type", "url"), new("max-parts", "50"), new("part-number-marker", "10")],
            operation.Query);
    }

    [Fact]
    public void Complete_sends_the_parts_sorted_as_xml_with_its_md5()
    {
        OssOperation operation = MultipartRequests.Complete(new CompleteMultipartUploadRequest
        {
            BucketName = Bucket,
            ObjectKey = "k",
            UploadId = "U",
            Parts = [new PartETag(2, "\"B\""), new PartETag(1, "\"A\"")],
        });

        Assert.Equal(HttpMethod.Post, operation.Method);
        Assert.Equal("/test-bucket/k?uploadId=U&encoding-type=url", operation.DescribeResource());
        Assert.Equal("application/xml", operation.Headers["Content-Type"]);
        MemoryRequestBody body = Assert.IsType<MemoryRequestBody>(operation.Body);
        string xml = Encoding.UTF8.GetString(body.Content.Span);
        Assert.True(xml.IndexOf("<PartNumber>1</PartNumber>", StringComparison.Ordinal) < xml.IndexOf("<PartNumber>2</PartNumber>", StringComparison.Ordinal));
        Assert.Equal(Convert.ToBase64String(MD5.HashData(body.Content.Span)), operation.Headers["Content-MD5"]);
    }

    [Fact]
    public void Complete_all_has_no_body_and_the_complete_all_header()
    {
        OssOperation operation = MultipartRequests.Complete(new CompleteMultipartUploadRequest { BucketName = Bucket, ObjectKey = "k", UploadId = "U", Parts = [], CompleteAll = true });

        Assert.Equal("yes", operation.Headers["x-oss-complete-all"]);
        Assert.Null(operation.Body);
        Assert.False(operation.Headers.ContainsKey("Content-MD5"));
    }

    [Fact]
    public void Abort_is_a_delete_with_the_upload_id()
    {
        OssOperation operation = MultipartRequests.Abort(new AbortMultipartUploadRequest { BucketName = Bucket, ObjectKey = "k", UploadId = "U" });

        Assert.Equal(HttpMethod.Delete, operation.Method);
        Assert.Equal("/test-bucket/k?uploadId=U", operation.DescribeResource());
        Assert.Empty(operation.Headers);
    }

    [Fact]
    public void ListMultipartUploads_is_on_the_bucket_and_leaves_out_unset_markers()
    {
        OssOperation operation = MultipartRequests.ListMultipartUploads(new ListMultipartUploadsRequest { BucketName = Bucket, Prefix = "dir/", MaxUploads = 5 });

        Assert.Equal(HttpMethod.Get, operation.Method);
        Assert.Null(operation.Key);
        Assert.Equal("/test-bucket/?uploads&encoding-type=url&prefix=dir%2F&max-uploads=5", operation.DescribeResource());
    }

    [Fact]
    public void PutObject_defaults_the_content_type_and_HeadObject_is_a_bare_head()
    {
        var md5 = new Md5Digest(MD5.HashData("x"u8));

        OssOperation put = ObjectRequests.PutObject(Bucket, "k", md5, new Oss.ResumableUpload.Protocol.ObjectSettings(), callback: null, trafficLimit: null);
        OssOperation head = ObjectRequests.HeadObject(new HeadObjectRequest { BucketName = Bucket, ObjectKey = "k" });

        Assert.Equal(HttpMethod.Put, put.Method);
        Assert.Equal("application/octet-stream", put.Headers["Content-Type"]);
        Assert.Equal(md5.ToBase64(), put.Headers["Content-MD5"]);
        Assert.Equal(HttpMethod.Head, head.Method);
        Assert.Equal("/test-bucket/k", head.DescribeResource());
        Assert.Empty(head.Headers);
    }

    [Fact]
    public void A_builder_refuses_an_invalid_request_before_any_request_exists()
    {
        Assert.Throws<ArgumentException>("request", () => MultipartRequests.Initiate(new InitiateMultipartUploadRequest { BucketName = "Bad_Bucket", ObjectKey = "k" }));
        Assert.Throws<ArgumentException>("request", () => MultipartRequests.Complete(new CompleteMultipartUploadRequest { BucketName = Bucket, ObjectKey = "k", UploadId = "U", Parts = [] }));
    }
}
