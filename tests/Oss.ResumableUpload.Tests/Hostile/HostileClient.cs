using Microsoft.Extensions.Logging;

namespace Oss.ResumableUpload.Tests.Hostile;

/// <summary>Builds an <see cref="OssClient"/> for a hostile server: path style, V4, no retry delays.</summary>
public static class HostileClient
{
    public const string Bucket = "test-bucket";
    public const string Token = "STS-TOKEN-must-stay-home";

    public static OssClient Create(
        Uri endpoint,
        int maxRetries = 0,
        HttpClient? httpClient = null,
        ILoggerFactory? logs = null,
        TimeProvider? time = null,
        TimeSpan? maxRetryDelay = null,
        TimeSpan? requestTimeout = null)
    {
        var options = new OssClientOptions
        {
            Endpoint = endpoint,
            Region = "cn-hangzhou",
            Credentials = new StaticCredentialsProvider("AKID", "secret", Token),
            MaxRetryAttempts = maxRetries,
            RetryBaseDelay = TimeSpan.Zero,
            MaxRetryDelay = maxRetryDelay ?? TimeSpan.FromSeconds(20),
            RequestTimeout = requestTimeout ?? TimeSpan.FromSeconds(30),
            LoggerFactory = logs,
            TimeProvider = time ?? TimeProvider.System,
        };
        return httpClient is null ? new OssClient(options) : new OssClient(options, httpClient);
    }

    public static Task<InitiateMultipartUploadResult> InitiateAsync(OssClient client, string key = "k")
        => client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = Bucket, ObjectKey = key });

    public static Task<UploadPartResult> UploadPartAsync(OssClient client, byte[] content, int partNumber = 1)
        => client.UploadPartAsync(new UploadPartRequest { BucketName = Bucket, ObjectKey = "k", UploadId = "U1", PartNumber = partNumber, Content = new MemoryStream(content) });

    public static string InitiateXml(string uploadId = "U1", string key = "k")
        => $"<InitiateMultipartUploadResult><Bucket>{Bucket}</Bucket><Key>{key}</Key><UploadId>{uploadId}</UploadId></InitiateMultipartUploadResult>";

    public static string Md5ETag(byte[] content) => "\"" + Convert.ToHexString(System.Security.Cryptography.MD5.HashData(content)) + "\"";

    public static async Task<OssClientException> InvalidResponseAsync(Func<Task> call)
    {
        var ex = await Assert.ThrowsAsync<OssClientException>(call);
        Assert.Equal(OssClientErrorCode.InvalidResponse, ex.ErrorCode);
        Assert.False(ex.IsTransient);
        return ex;
    }
}
