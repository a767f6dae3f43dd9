using System.Text.Json;
using Oss.ResumableUpload.Presigning;
using Oss.ResumableUpload.Signing;
using Oss.ResumableUpload.Transport;

namespace Oss.ResumableUpload.Tests.Presigning;

/// <summary>The official presigned-URL vectors, down to the URL: host, path and every encoded query parameter.</summary>
public sealed class PresignedUriVectorTests
{
    [Fact]
    public void V1_presign_vector_gives_the_published_url()
    {
        JsonElement testCase = LoadCase("signature-v1.json", "v1-query-presign-basic");
        JsonElement inputs = testCase.GetProperty("inputs");
        var credentials = new OssCredentials(inputs.GetProperty("access_key_id").GetString()!, inputs.GetProperty("access_key_secret").GetString()!);
        SigningInput input = Input(inputs);

        List<KeyValuePair<string, string>> query = OssV1Signer.Presign(input, credentials, inputs.GetProperty("expires_unix").GetInt64());
        Uri uri = PresignedUriBuilder.Compose(Settings(OssSignatureVersion.V1), input.Bucket!, input.Key!, query);

        AssertSameUrl(testCase.GetProperty("expected").GetProperty("signed_url").GetString()!, uri);
    }

    [Fact]
    public void V4_presign_vector_gives_the_published_url()
    {
        JsonElement testCase = LoadCase("signature-v4.json", "v4-query-presign-basic");
        JsonElement inputs = testCase.GetProperty("inputs");
        var credentials = new OssCredentials(inputs.GetProperty("access_key_id").GetString()!, inputs.GetProperty("access_key_secret").GetString()!);
        SigningInput input = Input(inputs);
        long signedAt = inputs.GetProperty("signing_time_unix").GetInt64();
        TimeSpan expires = TimeSpan.FromSeconds(inputs.GetProperty("expiration_unix").GetInt64() - signedAt);

        List<KeyValuePair<string, string>> query = OssV4Signer.Presign(input, credentials, DateTimeOffset.FromUnixTimeSeconds(signedAt), expires, inputs.GetProperty("region").GetString()!);
        Uri uri = PresignedUriBuilder.Compose(Settings(OssSignatureVersion.V4), input.Bucket!, input.Key!, query);

        AssertSameUrl(testCase.GetProperty("expected").GetProperty("signed_url_go_v1").GetString()!, uri);
    }

    /// <summary>
    /// Same scheme, host and (decoded) path, and the same encoded query parameters. The order of the parameters
    /// is not part of a signature, and the go-v1 URL also escapes the '/' of the key, which OSS decodes.
    /// </summary>
    private static void AssertSameUrl(string expected, Uri actual)
    {
        var published = new Uri(expected);
        Assert.Equal(published.Scheme, actual.Scheme);
        Assert.Equal(published.Authority, actual.Authority);
        Assert.Equal(Uri.UnescapeDataString(published.AbsolutePath), Uri.UnescapeDataString(actual.AbsolutePath));
        Assert.Equal(Segments(published.Query), Segments(actual.Query));
    }

    private static string[] Segments(string query)
        => query.TrimStart('?').Split('&').Order(StringComparer.Ordinal).ToArray();

    private static ResolvedClientOptions Settings(OssSignatureVersion version)
        => ResolvedClientOptions.Create(new OssClientOptions
        {
            Endpoint = new Uri("http://oss-cn-hangzhou.aliyuncs.com"),
            Credentials = new StaticCredentialsProvider("ak", "sk"),
            SignatureVersion = version,
        });

    private static SigningInput Input(JsonElement inputs)
    {
        var headers = SigningInput.CreateHeaders();
        foreach (JsonProperty header in inputs.GetProperty("headers").EnumerateObject())
        {
            headers[header.Name] = header.Value.GetString()!;
        }

        return new SigningInput
        {
            Method = inputs.GetProperty("method").GetString()!,
            Bucket = inputs.GetProperty("bucket").GetString(),
            Key = inputs.GetProperty("key").GetString(),
            Query = inputs.GetProperty("query").EnumerateArray().Select(p => new KeyValuePair<string, string>(p[0].GetString()!, p[1].GetString() ?? string.Empty)).ToList(),
            Headers = headers,
        };
    }

    private static JsonElement LoadCase(string file, string id)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Vectors", file)));
        return document.RootElement.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("id").GetString() == id).Clone();
    }
}
