using Microsoft.Extensions.Logging;
using WireMock.Server;

namespace Oss.ResumableUpload.Tests.Infrastructure;

/// <summary>A WireMock server and an OssClient pointed at it (path style, V4, no retry delays).</summary>
public sealed class WireMockOss : IDisposable
{
    public const string Bucket = "test-bucket";
    public const string AccessKeyId = "LTAI-test-id";
    public const string AccessKeySecret = "s3cr3t-VALUE-that-must-never-leak";

    public WireMockOss(OssSignatureVersion version = OssSignatureVersion.V4, IOssCredentialsProvider? credentials = null, TimeProvider? time = null, ILoggerFactory? loggerFactory = null, int maxRetries = 3, TimeSpan? requestTimeout = null, HttpMessageHandler? handler = null)
    {
        Server = WireMockServer.Start();
        var options = new OssClientOptions
        {
            Endpoint = new Uri(Server.Urls[0]),
            Region = "cn-hangzhou",
            Credentials = credentials ?? new StaticCredentialsProvider(AccessKeyId, AccessKeySecret),
            SignatureVersion = version,
            TimeProvider = time ?? TimeProvider.System,
            LoggerFactory = loggerFactory,
            MaxRetryAttempts = maxRetries,
            RetryBaseDelay = TimeSpan.Zero,
            MaxRetryDelay = TimeSpan.FromSeconds(30),
            RequestTimeout = requestTimeout ?? TimeSpan.FromSeconds(30),
        };
        if (handler is null)
        {
            Client = new OssClient(options);
        }
        else
        {
            _httpClient = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
            Client = new OssClient(options, _httpClient);
        }
    }

    private readonly HttpClient? _httpClient;

    public WireMockServer Server { get; }

    public OssClient Client { get; }

    public static string ErrorXml(string code, string message = "msg", string requestId = "REQ-1", string ec = "0000-00000000")
        => $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{code}</Code><Message>{message}</Message><RequestId>{requestId}</RequestId><HostId>{Bucket}.oss-cn-hangzhou.aliyuncs.com</HostId><EC>{ec}</EC></Error>";

    public void Dispose()
    {
        Client.Dispose();
        _httpClient?.Dispose();
        Server.Stop();
        Server.Dispose();
    }
}
