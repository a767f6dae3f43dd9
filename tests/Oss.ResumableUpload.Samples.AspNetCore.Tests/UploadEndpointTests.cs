using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Oss.ResumableUpload.Testing;

namespace Oss.ResumableUpload.Samples.AspNetCore.Tests;

/// <summary>The sample's PUT /objects/{**key} over real HTTP, uploading to the OSS test server.</summary>
public sealed class UploadEndpointTests
{
    [Fact]
    public async Task A_chunked_body_of_several_MiB_is_streamed_to_OSS_byte_exact_as_a_multipart_upload()
    {
        await using OssTestServer server = await SampleApp.StartServerAsync();
        await using var app = new SampleApp(server);
        using HttpClient http = app.CreateHttpClient();
        byte[] body = RandomBytes((5 * 1024 * 1024) + 12345);
        using var content = new ChunkedContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-test");
        using var request = new HttpRequestMessage(HttpMethod.Put, "/objects/videos/2026/clip one.bin") { Content = content };

        using HttpResponseMessage response = await http.SendAsync(request);

        Assert.Equal(("chunked", null), Assert.Single(app.Received));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        OssStoredObject stored = Assert.IsType<OssStoredObject>(server.GetObject(SampleApp.Bucket, "videos/2026/clip one.bin"));
        Assert.Equal(body, await server.ReadObjectAsync(SampleApp.Bucket, "videos/2026/clip one.bin"));
        Assert.True(stored.IsMultipart);
        Assert.True(stored.PartCount > 1, $"{stored.PartCount} parts");
        Assert.Equal("application/x-test", stored.ContentType);
        Assert.Equal(stored.ETag, response.Headers.ETag?.Tag);
        Assert.Equal("/objects/videos/2026/clip%20one.bin", response.Headers.Location?.OriginalString);
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(stored.HashCrc64Ecma.ToString(System.Globalization.CultureInfo.InvariantCulture), json.RootElement.GetProperty("crc64").GetString());
        Assert.Equal(body.Length, json.RootElement.GetProperty("size").GetInt64());
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("uploadId").GetString()));
        Assert.Empty(server.GetUploads());
    }

    [Fact]
    public async Task A_missing_bucket_is_a_502_problem_carrying_the_OSS_error_code()
    {
        await using OssTestServer server = await SampleApp.StartServerAsync();
        await using var app = new SampleApp(server, [new("Upload:Bucket", "no-such-bucket")]);
        using HttpClient http = app.CreateHttpClient();
        using var content = new ChunkedContent(RandomBytes(300 * 1024));

        using HttpResponseMessage response = await http.PutAsync("/objects/a.bin", content);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using JsonDocument problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(502, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("NoSuchBucket", problem.RootElement.GetProperty("ossErrorCode").GetString());
    }

    [Fact]
    public async Task A_credential_the_server_denies_is_a_502_problem_that_does_not_leak_the_secret()
    {
        await using OssTestServer server = await SampleApp.StartServerAsync();
        await using var app = new SampleApp(server, [new("Oss:AccessKeySecret", "not-the-secret")]);
        using HttpClient http = app.CreateHttpClient();
        using var content = new ChunkedContent(RandomBytes(1000));

        using HttpResponseMessage response = await http.PutAsync("/objects/denied.bin", content);
        string text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        using JsonDocument problem = JsonDocument.Parse(text);
        Assert.Equal("SignatureDoesNotMatch", problem.RootElement.GetProperty("ossErrorCode").GetString());
        Assert.DoesNotContain("not-the-secret", text, StringComparison.Ordinal);
        Assert.Null(server.GetObject(SampleApp.Bucket, "denied.bin"));
    }

    [Theory]
    [InlineData("/objects/del%7Fkey")]
    [InlineData("/objects/a//b.bin")]
    [InlineData("/objects/dir/")]
    [InlineData("/objects/a%5Cb.bin")]
    [InlineData("/objects/tab%09key")]
    [InlineData("/objects/too-long-")]
    public async Task An_invalid_key_is_a_400_before_any_request_to_OSS(string path)
    {
        await using OssTestServer server = await SampleApp.StartServerAsync();
        await using var app = new SampleApp(server);
        using HttpClient http = app.CreateHttpClient();
        using var content = new ByteArrayContent(RandomBytes(10));

        path = path.EndsWith("-", StringComparison.Ordinal) ? path + new string('k', 1024) : path; // over 1023 bytes

        using HttpResponseMessage response = await http.PutAsync(new Uri(path, UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_body_over_MaxRequestBodySize_is_413_and_its_multipart_upload_is_aborted()
    {
        await using OssTestServer server = await SampleApp.StartServerAsync();
        await using var app = new SampleApp(server, [new("Upload:MaxRequestBodySize", (1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        using HttpClient http = app.CreateHttpClient();
        using var content = new ChunkedContent(RandomBytes(3 * 1024 * 1024));

        using HttpResponseMessage response = await http.PutAsync("/objects/too-big.bin", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Null(server.GetObject(SampleApp.Bucket, "too-big.bin"));
        Assert.Empty(server.GetUploads());
        Assert.Equal(server.Requests.Of(OssOperationKind.InitiateMultipartUpload).Count, server.Requests.Of(OssOperationKind.AbortMultipartUpload).Count);
    }

    [Fact]
    public async Task A_caller_that_goes_away_mid_body_leaves_no_upload_behind()
    {
        await using OssTestServer server = await SampleApp.StartServerAsync();
        await using var app = new SampleApp(server);
        using HttpClient http = app.CreateHttpClient();
        using var content = new ChunkedContent(RandomBytes(500 * 1024), hangAfterData: true);
        using var cancel = new CancellationTokenSource();
        Task<HttpResponseMessage> sending = http.PutAsync("/objects/abandoned.bin", content, cancel.Token);

        await Eventually(() => server.Requests.Of(OssOperationKind.UploadPart).Count > 0, "a part was uploaded");
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);

        await Eventually(() => server.Requests.Of(OssOperationKind.AbortMultipartUpload).Count == 1, "the upload was aborted");
        Assert.Empty(server.GetUploads());
        Assert.Null(server.GetObject(SampleApp.Bucket, "abandoned.bin"));
    }

    [Fact]
    public async Task A_missing_bucket_setting_stops_the_host_at_startup()
    {
        await using OssTestServer server = await SampleApp.StartServerAsync();
        await using var app = new SampleApp(server, [new("Upload:Bucket", null)]);

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("Upload:Bucket is required.", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, 10737418240L)] // appsettings.json's 10 GiB
    [InlineData("", null)]           // an empty value lifts the limit
    [InlineData("2048", 2048L)]
    public async Task MaxRequestBodySize_binds_from_configuration(string? value, long? expected)
    {
        await using OssTestServer server = await SampleApp.StartServerAsync();
        await using var app = new SampleApp(server, value is null ? [] : [new("Upload:MaxRequestBodySize", value)]);

        UploadSettings settings = app.Services.GetRequiredService<IOptions<UploadSettings>>().Value;

        Assert.Equal(expected, settings.MaxRequestBodySize);
        Assert.DoesNotContain(((IConfigurationRoot)app.Services.GetRequiredService<IConfiguration>()).Providers.OfType<JsonConfigurationProvider>(), json => json.Source.ReloadOnChange);
    }

    private static async Task Eventually(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting until " + what);
            await Task.Delay(20);
        }
    }

    private static byte[] RandomBytes(int length)
    {
        var data = new byte[length];
        new Random(length).NextBytes(data);
        return data;
    }
}
