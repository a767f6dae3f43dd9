using Oss.ResumableUpload.Tests.Infrastructure;

namespace Oss.ResumableUpload.Tests.Validation;

/// <summary>
/// A plain http:// endpoint that is not loopback sends every request (and the object) in clear text; the client
/// logs one warning when it is built. Loopback endpoints (local test servers) and https:// stay silent.
/// </summary>
public sealed class PlainHttpWarningTests
{
    private const int PlainHttpEndpoint = 1500;

    [Theory]
    [InlineData("http://oss-cn-hangzhou.aliyuncs.com")]
    [InlineData("http://10.0.0.5:9000")]
    [InlineData("http://oss.example.com")]
    public void A_plain_http_endpoint_off_this_machine_logs_one_warning(string endpoint)
    {
        var logs = new ListLoggerFactory();
        using OssClient client = Create(endpoint, logs);

        LogLine warning = Assert.Single(logs.Lines, l => l.EventId.Id == PlainHttpEndpoint);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, warning.Level);
        Assert.Contains(new Uri(endpoint).Host, warning.Message, StringComparison.Ordinal);
        Assert.Contains("https", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-never-logged", logs.AllText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://oss-cn-hangzhou.aliyuncs.com")]
    [InlineData("http://127.0.0.1:9000")]
    [InlineData("http://127.10.0.1:9000")]
    [InlineData("http://localhost:9000")]
    [InlineData("http://[::1]:9000")]
    public void Https_and_loopback_endpoints_log_no_warning(string endpoint)
    {
        var logs = new ListLoggerFactory();
        using OssClient client = Create(endpoint, logs);

        Assert.False(logs.Has(PlainHttpEndpoint), logs.AllText);
    }

    private static OssClient Create(string endpoint, ListLoggerFactory logs)
        => new(new OssClientOptions
        {
            Endpoint = new Uri(endpoint),
            Region = "cn-hangzhou",
            Credentials = new StaticCredentialsProvider("LTAI-id", "s3cr3t-never-logged"),
            LoggerFactory = logs,
        });
}
