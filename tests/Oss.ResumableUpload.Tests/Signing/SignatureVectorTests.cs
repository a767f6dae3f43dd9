using System.Text.Json;
using Oss.ResumableUpload.Signing;

namespace Oss.ResumableUpload.Tests.Signing;

/// <summary>Every case of the official V1 and V4 vectors (shared/oss/vectors, copied into Vectors/).</summary>
public sealed class SignatureVectorTests
{
    public static TheoryData<string> V1Cases() => CaseIds("signature-v1.json");

    public static TheoryData<string> V4Cases() => CaseIds("signature-v4.json");

    [Theory]
    [MemberData(nameof(V1Cases))]
    public void V1_vector_reproduces_published_values(string id)
    {
        JsonElement testCase = LoadCase("signature-v1.json", id);
        JsonElement inputs = testCase.GetProperty("inputs");
        JsonElement expected = testCase.GetProperty("expected");
        var credentials = new OssCredentials(inputs.GetProperty("access_key_id").GetString()!, inputs.GetProperty("access_key_secret").GetString()!, NullableString(inputs, "security_token"));
        SigningInput input = BuildInput(inputs);

        if (testCase.GetProperty("mode").GetString() == "query")
        {
            long expires = inputs.GetProperty("expires_unix").GetInt64();
            List<KeyValuePair<string, string>> query = OssV1Signer.Presign(input, credentials, expires);
            Assert.Equal(expected.GetProperty("signature").GetString(), query.Single(p => p.Key == "Signature").Value);
            Assert.Equal(expected.GetProperty("string_to_sign").GetString(), OssV1Signer.BuildStringToSign(input, expires.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            return;
        }

        DateTimeOffset signingTime = DateTimeOffset.ParseExact(inputs.GetProperty("date_header").GetString()!, "R", System.Globalization.CultureInfo.InvariantCulture);
        string authorization = OssV1Signer.Sign(input, credentials, signingTime);
        Assert.Equal(expected.GetProperty("authorization").GetString(), authorization);
        if (NullableString(expected, "string_to_sign") is { } stringToSign)
        {
            Assert.Equal(stringToSign, OssV1Signer.BuildStringToSign(input, input.Headers["Date"]));
        }

        if (NullableString(expected, "request_header_x_oss_security_token") is { } token)
        {
            Assert.Equal(token, input.Headers["x-oss-security-token"]);
        }
    }

    [Theory]
    [MemberData(nameof(V4Cases))]
    public void V4_vector_reproduces_published_values(string id)
    {
        JsonElement testCase = LoadCase("signature-v4.json", id);
        JsonElement inputs = testCase.GetProperty("inputs");
        JsonElement expected = testCase.GetProperty("expected");
        var credentials = new OssCredentials(inputs.GetProperty("access_key_id").GetString()!, inputs.GetProperty("access_key_secret").GetString()!, NullableString(inputs, "security_token"));
        SigningInput input = BuildInput(inputs);
        string region = inputs.GetProperty("region").GetString()!;
        string product = inputs.GetProperty("product").GetString()!;
        DateTimeOffset signingTime = DateTimeOffset.FromUnixTimeSeconds(inputs.GetProperty("signing_time_unix").GetInt64());

        if (testCase.GetProperty("mode").GetString() == "query")
        {
            TimeSpan expires = DateTimeOffset.FromUnixTimeSeconds(inputs.GetProperty("expiration_unix").GetInt64()) - signingTime;
            List<KeyValuePair<string, string>> query = OssV4Signer.Presign(input, credentials, signingTime, expires, region, product);
            Assert.Equal(expected.GetProperty("x_oss_signature").GetString(), query.Single(p => p.Key == "x-oss-signature").Value);
            Assert.Equal(expected.GetProperty("x_oss_date").GetString(), query.Single(p => p.Key == "x-oss-date").Value);
            Assert.Equal(expected.GetProperty("x_oss_expires").GetString(), query.Single(p => p.Key == "x-oss-expires").Value);
            Assert.Equal(expected.GetProperty("x_oss_credential").GetString(), query.Single(p => p.Key == "x-oss-credential").Value);
            return;
        }

        string authorization = OssV4Signer.Sign(input, credentials, signingTime, region, product);
        Assert.Equal(expected.GetProperty("authorization").GetString(), authorization);
        Assert.Equal(inputs.GetProperty("x_oss_date").GetString(), input.Headers["x-oss-date"]);
        if (NullableString(expected, "date_header") is { } date)
        {
            Assert.Equal(date, input.Headers["Date"]);
        }

        if (NullableString(expected, "canonical_request") is { } canonical)
        {
            var additional = input.AdditionalHeaders?.Select(h => h.ToLowerInvariant()).Where(h => input.Headers.ContainsKey(h)).OrderBy(h => h, StringComparer.Ordinal).ToList() ?? [];
            Assert.Equal(canonical, OssV4Signer.BuildCanonicalRequest(input, additional, "UNSIGNED-PAYLOAD", input.Query));
        }

        if (NullableString(expected, "string_to_sign") is { } stringToSign)
        {
            string xOssDate = input.Headers["x-oss-date"];
            string scope = OssV4Signer.BuildScope(xOssDate[..8], region, product);
            string canonicalRequest = OssV4Signer.BuildCanonicalRequest(input, [], "UNSIGNED-PAYLOAD", input.Query);
            Assert.Equal(stringToSign, OssV4Signer.BuildStringToSign(xOssDate, scope, canonicalRequest));
        }

        if (NullableString(expected, "request_header_x_oss_security_token") is { } token)
        {
            Assert.Equal(token, input.Headers["x-oss-security-token"]);
        }
    }

    [Fact]
    public void V4_signature_changes_when_any_signed_input_changes()
    {
        var credentials = new OssCredentials("ak", "sk");
        DateTimeOffset time = DateTimeOffset.FromUnixTimeSeconds(1702743657);
        string Sign(string key, string partNumber, string md5)
        {
            var headers = SigningInput.CreateHeaders();
            headers["Content-MD5"] = md5;
            var input = new SigningInput { Method = "PUT", Bucket = "bucket", Key = key, Query = [new("partNumber", partNumber), new("uploadId", "U1")], Headers = headers };
            return OssV4Signer.Sign(input, credentials, time, "cn-hangzhou");
        }

        string baseline = Sign("a/b.txt", "1", "eB5eJF1ptWaXm4bijSPyxw==");
        Assert.NotEqual(baseline, Sign("a/b.txT", "1", "eB5eJF1ptWaXm4bijSPyxw=="));
        Assert.NotEqual(baseline, Sign("a/b.txt", "2", "eB5eJF1ptWaXm4bijSPyxw=="));
        Assert.NotEqual(baseline, Sign("a/b.txt", "1", "1B2M2Y8AsgTpgAmY7PhCfg=="));
        Assert.Equal(baseline, Sign("a/b.txt", "1", "eB5eJF1ptWaXm4bijSPyxw=="));
    }

    [Fact]
    public void V1_canonical_resource_signs_multipart_subresources_sorted_and_skips_others()
    {
        var headers = SigningInput.CreateHeaders();
        var input = new SigningInput
        {
            Method = "GET",
            Bucket = "b",
            Key = "dir/ключ key+%?#~//x",
            Query = [new("uploadId", "U"), new("max-parts", "10"), new("encoding-type", "url"), new("partNumber", "3")],
            Headers = headers,
        };
        string stringToSign = OssV1Signer.BuildStringToSign(input, "D");
        Assert.EndsWith("\n/b/dir/ключ key+%?#~//x?partNumber=3&uploadId=U", stringToSign, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a b", "a%20b")]
    [InlineData("a+b", "a%2Bb")]
    [InlineData("100%", "100%25")]
    [InlineData("q?x#y", "q%3Fx%23y")]
    [InlineData("~tilde", "~tilde")]
    [InlineData("dir//x", "dir//x")]
    [InlineData("中文", "%E4%B8%AD%E6%96%87")]
    public void Path_escaping_follows_rfc3986_and_keeps_slashes(string key, string expected)
        => Assert.Equal(expected, OssUriEncoder.EscapePath(key));

    [Fact]
    public void Query_escaping_encodes_slash_star_and_plus()
        => Assert.Equal("a%2Fb%2A%2Bc%20", OssUriEncoder.EscapeQuery("a/b*+c "));

    internal static SigningInput BuildInput(JsonElement inputs)
    {
        var headers = SigningInput.CreateHeaders();
        foreach (JsonProperty header in inputs.GetProperty("headers").EnumerateObject())
        {
            headers[header.Name] = header.Value.GetString()!;
        }

        var query = inputs.GetProperty("query").EnumerateArray()
            .Select(pair => new KeyValuePair<string, string>(pair[0].GetString()!, pair[1].GetString() ?? string.Empty))
            .ToList();
        List<string>? additional = inputs.TryGetProperty("additional_headers", out JsonElement extra)
            ? extra.EnumerateArray().Select(e => e.GetString()!).ToList()
            : null;
        return new SigningInput
        {
            Method = inputs.GetProperty("method").GetString()!,
            Bucket = NullableString(inputs, "bucket"),
            Key = NullableString(inputs, "key"),
            Query = query,
            Headers = headers,
            AdditionalHeaders = additional,
        };
    }

    private static string? NullableString(JsonElement element, string name)
        => element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static TheoryData<string> CaseIds(string file)
    {
        var data = new TheoryData<string>();
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Vectors", file)));
        foreach (JsonElement testCase in document.RootElement.GetProperty("cases").EnumerateArray())
        {
            data.Add(testCase.GetProperty("id").GetString()!);
        }

        return data;
    }

    private static JsonElement LoadCase(string file, string id)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Vectors", file)));
        return document.RootElement.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("id").GetString() == id).Clone();
    }
}
