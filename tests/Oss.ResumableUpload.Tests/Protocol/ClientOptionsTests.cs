using Oss.ResumableUpload.Transport;

namespace Oss.ResumableUpload.Tests.Protocol;

public sealed class ClientOptionsTests
{
    private static readonly IOssCredentialsProvider s_credentials = new StaticCredentialsProvider("id", "secret");

    [Theory]
    [InlineData("oss-cn-hangzhou.aliyuncs.com", "cn-hangzhou")]
    [InlineData("oss-cn-shanghai-internal.aliyuncs.com", "cn-shanghai")]
    [InlineData("mybucket.oss-ap-southeast-1.aliyuncs.com", "ap-southeast-1")]
    [InlineData("OSS-US-WEST-1.ALIYUNCS.COM", "US-WEST-1")]
    [InlineData("oss-accelerate.aliyuncs.com", null)]
    [InlineData("example.com", null)]
    [InlineData("127.0.0.1", null)]
    public void Region_is_inferred_from_oss_endpoints(string host, string? region)
        => Assert.Equal(region, ResolvedClientOptions.InferRegion(host));

    [Fact]
    public void V4_without_a_region_fails_at_construction()
    {
        var ex = Assert.Throws<ArgumentException>(() => new OssClient(new OssClientOptions { Endpoint = new Uri("http://127.0.0.1:9000"), Credentials = s_credentials }));
        Assert.Contains("region", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void V1_needs_no_region_and_V4_accepts_an_inferred_one()
    {
        using var v1 = new OssClient(new OssClientOptions { Endpoint = new Uri("http://127.0.0.1:9000"), Credentials = s_credentials, SignatureVersion = OssSignatureVersion.V1 });
        using var v4 = new OssClient(new OssClientOptions { Endpoint = new Uri("https://oss-cn-beijing.aliyuncs.com"), Credentials = s_credentials });
        Assert.Equal("cn-beijing", v4.Pipeline.Settings.Region);
        Assert.Null(v1.Pipeline.Settings.Region);
    }

    [Theory]
    [InlineData("https://oss-cn-hangzhou.aliyuncs.com", false, "https://bkt.oss-cn-hangzhou.aliyuncs.com/a/b")]
    [InlineData("https://oss-cn-hangzhou.aliyuncs.com", true, "https://oss-cn-hangzhou.aliyuncs.com/bkt/a/b")]
    [InlineData("http://127.0.0.1:9000", false, "http://127.0.0.1:9000/bkt/a/b")]
    [InlineData("http://localhost:9000", false, "http://localhost:9000/bkt/a/b")]
    [InlineData("http://[::1]:9000", false, "http://[::1]:9000/bkt/a/b")]
    public void Addressing_is_virtual_hosted_unless_path_style_or_local(string endpoint, bool pathStyle, string expected)
    {
        var settings = ResolvedClientOptions.Create(new OssClientOptions { Endpoint = new Uri(endpoint), Region = "cn-hangzhou", Credentials = s_credentials, UsePathStyle = pathStyle });
        Assert.Equal(expected, settings.BuildUri("bkt", "a/b", string.Empty).AbsoluteUri);
    }

    [Fact]
    public void Ranges_are_validated_once_with_the_option_named()
    {
        Assert.Contains("MaxRetryAttempts", Assert.Throws<ArgumentOutOfRangeException>(() => Create(o => new OssClientOptions { Endpoint = o.Endpoint, Region = o.Region, Credentials = o.Credentials, MaxRetryAttempts = 11 })).Message, StringComparison.Ordinal);
        Assert.Contains("RequestTimeout", Assert.Throws<ArgumentOutOfRangeException>(() => Create(o => new OssClientOptions { Endpoint = o.Endpoint, Region = o.Region, Credentials = o.Credentials, RequestTimeout = TimeSpan.FromMilliseconds(10) })).Message, StringComparison.Ordinal);
        Assert.Contains("MaxRetryDelay", Assert.Throws<ArgumentOutOfRangeException>(() => Create(o => new OssClientOptions { Endpoint = o.Endpoint, Region = o.Region, Credentials = o.Credentials, RetryBaseDelay = TimeSpan.FromSeconds(10), MaxRetryDelay = TimeSpan.FromSeconds(1) })).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new OssClient(new OssClientOptions { Endpoint = new Uri("ftp://x"), Region = "r", Credentials = s_credentials }));
        Assert.Throws<ArgumentException>(() => new OssClient(new OssClientOptions { Endpoint = new Uri("http://x/path"), Region = "r", Credentials = s_credentials }));
        Assert.Throws<ArgumentNullException>(() => new OssClient(null!));
        Assert.Throws<ArgumentNullException>(() => new OssClient(new OssClientOptions { Endpoint = new Uri("http://x"), Region = "r", Credentials = null! }));
    }

    [Fact]
    public void Caller_owned_http_client_is_not_disposed()
    {
        using var http = new HttpClient();
        var client = new OssClient(new OssClientOptions { Endpoint = new Uri("http://127.0.0.1:1"), Region = "r", Credentials = s_credentials }, http);
        client.Dispose();
        Assert.Equal(TimeSpan.FromSeconds(100), http.Timeout); // still usable: a disposed HttpClient throws here
        Assert.Throws<ObjectDisposedException>(() => client.Pipeline);
    }

    [Fact]
    public async Task Environment_provider_reads_the_three_variables()
    {
        string? id = Environment.GetEnvironmentVariable("OSS_ACCESS_KEY_ID");
        string? secret = Environment.GetEnvironmentVariable("OSS_ACCESS_KEY_SECRET");
        string? token = Environment.GetEnvironmentVariable("OSS_SESSION_TOKEN");
        try
        {
            Environment.SetEnvironmentVariable("OSS_ACCESS_KEY_ID", "env-id");
            Environment.SetEnvironmentVariable("OSS_ACCESS_KEY_SECRET", "env-secret");
            Environment.SetEnvironmentVariable("OSS_SESSION_TOKEN", "env-token");
            Assert.Equal(new OssCredentials("env-id", "env-secret", "env-token"), await new EnvironmentCredentialsProvider().GetCredentialsAsync());
            Environment.SetEnvironmentVariable("OSS_ACCESS_KEY_SECRET", null);
            var ex = await Assert.ThrowsAsync<OssClientException>(async () => await new EnvironmentCredentialsProvider().GetCredentialsAsync());
            Assert.Equal(OssClientErrorCode.CredentialsUnavailable, ex.ErrorCode);
        }
        finally
        {
            Environment.SetEnvironmentVariable("OSS_ACCESS_KEY_ID", id);
            Environment.SetEnvironmentVariable("OSS_ACCESS_KEY_SECRET", secret);
            Environment.SetEnvironmentVariable("OSS_SESSION_TOKEN", token);
        }
    }

    [Fact]
    public void Credentials_ToString_hides_secret_and_token()
    {
        string text = new OssCredentials("visible-id", "hidden-secret", "hidden-token").ToString();
        Assert.Contains("visible-id", text, StringComparison.Ordinal);
        Assert.DoesNotContain("hidden-secret", text, StringComparison.Ordinal);
        Assert.DoesNotContain("hidden-token", text, StringComparison.Ordinal);
    }

    private static OssClient Create(Func<OssClientOptions, OssClientOptions> change)
        => new(change(new OssClientOptions { Endpoint = new Uri("http://127.0.0.1:9000"), Region = "cn-hangzhou", Credentials = s_credentials }));
}
