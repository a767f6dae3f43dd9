using Microsoft.Extensions.Time.Testing;

namespace Oss.ResumableUpload.Tests.Presigning;

/// <summary>GeneratePresignedUri without a server: validation, the signing clock and where the credentials come from.</summary>
public sealed class GeneratePresignedUriTests
{
    private static readonly DateTimeOffset s_now = new(2024, 5, 6, 7, 8, 9, TimeSpan.Zero);

    public static TheoryData<string, Type> InvalidRequests() => new()
    {
        { "bucket", typeof(ArgumentException) },
        { "key", typeof(ArgumentException) },
        { "zero-expires", typeof(ArgumentOutOfRangeException) },
        { "negative-expires", typeof(ArgumentOutOfRangeException) },
        { "v4-over-7-days", typeof(ArgumentOutOfRangeException) },
        { "delete", typeof(ArgumentException) },
        { "head", typeof(ArgumentException) },
        { "upload-id-alone", typeof(ArgumentException) },
        { "part-number-alone", typeof(ArgumentException) },
        { "part-with-get", typeof(ArgumentException) },
        { "part-zero", typeof(ArgumentOutOfRangeException) },
        { "part-10001", typeof(ArgumentOutOfRangeException) },
        { "content-type-newline", typeof(ArgumentException) },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public void Invalid_requests_throw_before_signing(string which, Type exception)
    {
        var provider = new CountingProvider();
        using OssClient client = Client(OssSignatureVersion.V4, provider);
        GeneratePresignedUriRequest request = which switch
        {
            "bucket" => Valid(bucket: "Bad_Bucket"),
            "key" => Valid(key: "/leading"),
            "zero-expires" => Valid(expires: TimeSpan.Zero),
            "negative-expires" => Valid(expires: TimeSpan.FromSeconds(-5)),
            "v4-over-7-days" => Valid(expires: TimeSpan.FromSeconds(604_801)),
            "delete" => Valid(method: HttpMethod.Delete),
            "head" => Valid(method: HttpMethod.Head),
            "upload-id-alone" => Valid(method: HttpMethod.Put, uploadId: "U1"),
            "part-number-alone" => Valid(method: HttpMethod.Put, partNumber: 1),
            "part-with-get" => Valid(uploadId: "U1", partNumber: 1),
            "part-zero" => Valid(method: HttpMethod.Put, uploadId: "U1", partNumber: 0),
            "part-10001" => Valid(method: HttpMethod.Put, uploadId: "U1", partNumber: 10_001),
            "content-type-newline" => Valid(contentType: "text/plain\r\nx-oss-acl: public-read"),
            _ => throw new ArgumentOutOfRangeException(nameof(which)),
        };

        Exception error = Assert.Throws(exception, () => client.GeneratePresignedUri(request));
        Assert.Equal("request", ((ArgumentException)error).ParamName);
        Assert.Equal(0, provider.Calls);
    }

    [Fact]
    public void A_null_request_throws_ArgumentNullException()
    {
        using OssClient client = Client(OssSignatureVersion.V4, new CountingProvider());
        Assert.Throws<ArgumentNullException>("request", () => client.GeneratePresignedUri(null!));
    }

    [Fact]
    public void V1_allows_more_than_7_days_and_puts_the_unix_expiry_in_the_query()
    {
        using OssClient client = Client(OssSignatureVersion.V1, new CountingProvider());
        Uri uri = client.GeneratePresignedUri(Valid(expires: TimeSpan.FromDays(30)));

        Assert.Contains("Expires=" + (s_now + TimeSpan.FromDays(30)).ToUnixTimeSeconds(), uri.Query, StringComparison.Ordinal);
        Assert.Contains("OSSAccessKeyId=ak&Signature=", uri.Query, StringComparison.Ordinal);
    }

    [Fact]
    public void V4_signs_at_the_client_clock_for_whole_seconds_with_an_unsigned_payload()
    {
        using OssClient client = Client(OssSignatureVersion.V4, new CountingProvider());
        Uri uri = client.GeneratePresignedUri(Valid(method: HttpMethod.Put, uploadId: "U 1", partNumber: 7, expires: TimeSpan.FromSeconds(604_799.9)));

        Assert.Equal("https://bucket.oss-cn-hangzhou.aliyuncs.com/dir/a%20b.txt", uri.GetLeftPart(UriPartial.Path));
        string query = uri.Query;
        Assert.StartsWith("?partNumber=7&uploadId=U%201&x-oss-signature-version=OSS4-HMAC-SHA256&x-oss-date=20240506T070809Z&x-oss-expires=604799&x-oss-credential=ak%2F20240506%2Fcn-hangzhou%2Foss%2Faliyun_v4_request&x-oss-signature=", query, StringComparison.Ordinal);
        Assert.DoesNotContain("security-token", query, StringComparison.Ordinal);
    }

    [Fact]
    public void The_credentials_come_from_the_cache_and_an_asynchronous_provider_is_waited_for_once()
    {
        var provider = new CountingProvider(asynchronous: true);
        using OssClient client = Client(OssSignatureVersion.V4, provider);

        Uri first = client.GeneratePresignedUri(Valid());
        Uri second = client.GeneratePresignedUri(Valid());

        Assert.Equal(1, provider.Calls);
        Assert.Equal(first, second);
    }

    [Fact]
    public void A_failing_provider_surfaces_as_CredentialsUnavailable()
    {
        using OssClient client = Client(OssSignatureVersion.V4, new CountingProvider(fail: true));
        OssClientException error = Assert.Throws<OssClientException>(() => client.GeneratePresignedUri(Valid()));
        Assert.Equal(OssClientErrorCode.CredentialsUnavailable, error.ErrorCode);
    }

    private static GeneratePresignedUriRequest Valid(
        string bucket = "bucket", string key = "dir/a b.txt", HttpMethod? method = null, TimeSpan? expires = null, string? uploadId = null, int? partNumber = null, string? contentType = null)
        => new()
        {
            BucketName = bucket,
            ObjectKey = key,
            Method = method ?? HttpMethod.Get,
            Expires = expires ?? TimeSpan.FromMinutes(15),
            UploadId = uploadId,
            PartNumber = partNumber,
            ContentType = contentType,
        };

    private static OssClient Client(OssSignatureVersion version, IOssCredentialsProvider provider)
        => new(new OssClientOptions
        {
            Endpoint = new Uri("https://oss-cn-hangzhou.aliyuncs.com"),
            Credentials = provider,
            SignatureVersion = version,
            TimeProvider = new FakeTimeProvider(s_now),
        });

    private sealed class CountingProvider(bool asynchronous = false, bool fail = false) : IOssCredentialsProvider
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public async ValueTask<OssCredentials> GetCredentialsAsync(CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _calls);
            if (asynchronous)
            {
                await Task.Yield();
            }

            return fail ? throw new InvalidOperationException("no credentials here") : new OssCredentials("ak", "sk");
        }
    }
}
