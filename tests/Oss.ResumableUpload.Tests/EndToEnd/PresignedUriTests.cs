using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Time.Testing;
using Oss.ResumableUpload.Testing;

namespace Oss.ResumableUpload.Tests.EndToEnd;

/// <summary>
/// Presigned URLs sent by a plain HttpClient, with no Authorization header, to OssTestServer, which verifies the
/// query signature with its own code.
/// </summary>
public sealed class PresignedUriTests
{
    private const string Bucket = EndToEndHarness.Bucket;

    [Theory]
    [InlineData(OssSignatureVersion.V1)]
    [InlineData(OssSignatureVersion.V4)]
    public async Task A_presigned_put_stores_the_object_and_a_presigned_get_reads_it_back(OssSignatureVersion version)
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        OssClient client = harness.CreateClient(version);
        byte[] content = EndToEndHarness.Content(4321, seed: 7);
        const string key = "presigned/a b+c/ü.bin";

        Uri put = client.GeneratePresignedUri(new() { BucketName = Bucket, ObjectKey = key, Method = HttpMethod.Put, Expires = TimeSpan.FromMinutes(5), ContentType = "application/x-test" });
        using var http = new HttpClient();
        using (HttpResponseMessage stored = await http.PutAsync(put, Content(content, "application/x-test")))
        {
            Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        }

        Uri get = client.GeneratePresignedUri(new() { BucketName = Bucket, ObjectKey = key, Expires = TimeSpan.FromMinutes(5) });
        Assert.Equal(content, await http.GetByteArrayAsync(get));
        Assert.Equal("application/x-test", harness.Server.GetObject(Bucket, key)!.ContentType);
        Assert.All(harness.Server.Requests, r => Assert.InRange(r.StatusCode, 200, 299));
    }

    [Theory]
    [InlineData(OssSignatureVersion.V1)]
    [InlineData(OssSignatureVersion.V4)]
    public async Task A_presigned_upload_part_url_uploads_a_part_the_client_then_completes(OssSignatureVersion version)
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        OssClient client = harness.CreateClient(version);
        byte[] first = EndToEndHarness.Content(EndToEndHarness.PartSize, seed: 1);
        byte[] second = EndToEndHarness.Content(1000, seed: 2);
        const string key = "presigned/multipart.bin";
        InitiateMultipartUploadResult upload = await client.InitiateMultipartUploadAsync(new() { BucketName = Bucket, ObjectKey = key });

        using var http = new HttpClient();
        var parts = new List<PartETag>();
        foreach ((int number, byte[] bytes) in new[] { (1, first), (2, second) })
        {
            Uri uri = client.GeneratePresignedUri(new() { BucketName = Bucket, ObjectKey = key, Method = HttpMethod.Put, UploadId = upload.UploadId, PartNumber = number, Expires = TimeSpan.FromMinutes(5) });
            Assert.Contains("partNumber=" + number, uri.Query, StringComparison.Ordinal);
            using HttpResponseMessage reply = await http.PutAsync(uri, Content(bytes, contentType: null));
            Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
            parts.Add(new PartETag(number, reply.Headers.GetValues("ETag").Single()));
        }

        await client.CompleteMultipartUploadAsync(new() { BucketName = Bucket, ObjectKey = key, UploadId = upload.UploadId, Parts = parts });

        byte[] stored = await harness.Server.ReadObjectAsync(Bucket, key);
        Assert.Equal(first.Concat(second).ToArray(), stored);
    }

    [Theory]
    [InlineData(OssSignatureVersion.V1, "security-token")]
    [InlineData(OssSignatureVersion.V4, "x-oss-security-token")]
    public async Task Sts_credentials_put_their_token_in_the_query(OssSignatureVersion version, string tokenParameter)
    {
        var sts = new OssTestCredential("STS.presign-id", "sts-secret", "sts-token/1+2");
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync(o => o.Credentials.Add(sts));
        OssClient client = harness.CreateClient(version, sts.ToCredentialsProvider());
        byte[] content = EndToEndHarness.Content(100, seed: 3);

        Uri put = client.GeneratePresignedUri(new() { BucketName = Bucket, ObjectKey = "sts.bin", Method = HttpMethod.Put, Expires = TimeSpan.FromMinutes(1) });
        Assert.Contains(tokenParameter + "=sts-token%2F1%2B2", put.Query, StringComparison.Ordinal);
        using var http = new HttpClient();
        using (HttpResponseMessage stored = await http.PutAsync(put, Content(content, contentType: null)))
        {
            Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        }

        Uri get = client.GeneratePresignedUri(new() { BucketName = Bucket, ObjectKey = "sts.bin", Expires = TimeSpan.FromMinutes(1) });
        Assert.Equal(content, await http.GetByteArrayAsync(get));

        // Without the token the server refuses the key: it really checks the token in the query.
        Uri tokenless = new(get.GetLeftPart(UriPartial.Path) + "?" + string.Join('&', get.Query.TrimStart('?').Split('&').Where(p => !p.StartsWith(tokenParameter + "=", StringComparison.Ordinal))));
        using HttpResponseMessage refused = await http.GetAsync(tokenless);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Theory]
    [InlineData(OssSignatureVersion.V1)]
    [InlineData(OssSignatureVersion.V4)]
    public async Task The_server_refuses_an_expired_url(OssSignatureVersion version)
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        var past = new FakeTimeProvider(TimeProvider.System.GetUtcNow() - TimeSpan.FromHours(1));
        using var client = new OssClient(new OssClientOptions
        {
            Endpoint = harness.Server.Endpoint,
            Region = harness.Server.Region,
            Credentials = harness.Server.Credential.ToCredentialsProvider(),
            SignatureVersion = version,
            TimeProvider = past,
        });

        Uri put = client.GeneratePresignedUri(new() { BucketName = Bucket, ObjectKey = "late.bin", Method = HttpMethod.Put, Expires = TimeSpan.FromMinutes(10) });
        using var http = new HttpClient();
        using HttpResponseMessage reply = await http.PutAsync(put, Content([1, 2, 3], contentType: null));

        Assert.Equal(HttpStatusCode.Forbidden, reply.StatusCode);
        Assert.Contains("expired", await reply.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Null(harness.Server.GetObject(Bucket, "late.bin"));
    }

    public static TheoryData<OssSignatureVersion, string> Tamperings() => new()
    {
        { OssSignatureVersion.V1, "key" },
        { OssSignatureVersion.V1, "signature" },
        { OssSignatureVersion.V1, "expires" },
        { OssSignatureVersion.V1, "content-type" },
        { OssSignatureVersion.V4, "key" },
        { OssSignatureVersion.V4, "signature" },
        { OssSignatureVersion.V4, "expires" },
        { OssSignatureVersion.V4, "content-type" },
        { OssSignatureVersion.V4, "method" },
        { OssSignatureVersion.V1, "method" },
    };

    [Theory]
    [MemberData(nameof(Tamperings))]
    public async Task The_server_refuses_a_tampered_url(OssSignatureVersion version, string tampering)
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        OssClient client = harness.CreateClient(version);
        Uri put = client.GeneratePresignedUri(new() { BucketName = Bucket, ObjectKey = "signed.bin", Method = HttpMethod.Put, Expires = TimeSpan.FromMinutes(10), ContentType = "text/plain" });
        string url = put.AbsoluteUri;
        string contentType = "text/plain";
        HttpMethod method = HttpMethod.Put;
        switch (tampering)
        {
            case "key":
                url = url.Replace("/signed.bin?", "/other.bin?", StringComparison.Ordinal);
                break;
            case "signature":
                string name = version == OssSignatureVersion.V4 ? "x-oss-signature=" : "Signature=";
                int at = url.IndexOf(name, StringComparison.Ordinal) + name.Length;
                url = url[..at] + (url[at] == 'a' ? 'b' : 'a') + url[(at + 1)..];
                break;
            case "expires":
                url = version == OssSignatureVersion.V4
                    ? url.Replace("x-oss-expires=600", "x-oss-expires=601", StringComparison.Ordinal)
                    : System.Text.RegularExpressions.Regex.Replace(url, "Expires=(\\d+)", m => "Expires=" + (long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 1));
                break;
            case "content-type":
                contentType = "text/html";
                break;
            case "method":
                method = HttpMethod.Post;
                break;
        }

        if (tampering is not ("content-type" or "method"))
        {
            Assert.NotEqual(put.AbsoluteUri, url);
        }

        using var http = new HttpClient();
        using var message = new HttpRequestMessage(method, new Uri(url)) { Content = Content([1, 2, 3], contentType) };
        using HttpResponseMessage reply = await http.SendAsync(message);

        Assert.Equal(HttpStatusCode.Forbidden, reply.StatusCode);
        Assert.Contains("SignatureDoesNotMatch", await reply.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(harness.Server.GetObject(Bucket, "signed.bin"));
        Assert.Null(harness.Server.GetObject(Bucket, "other.bin"));
    }

    private static ByteArrayContent Content(byte[] bytes, string? contentType)
    {
        var content = new ByteArrayContent(bytes);
        if (contentType is not null)
        {
            content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        return content;
    }
}
