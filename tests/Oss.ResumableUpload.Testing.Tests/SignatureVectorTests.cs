using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace Oss.ResumableUpload.Testing.Tests;

/// <summary>
/// Every published signature vector, fed to the server's verifier as the request it describes: it must verify as
/// published, and a tampered signature must be refused with the published string to sign. Five also go over HTTP: the V1 header vector, the three V4 header vectors and the V4 presigned one.
/// </summary>
public sealed class SignatureVectorTests
{
    private static readonly string s_vectorDirectory = Path.Combine(AppContext.BaseDirectory, "Vectors");

    public static TheoryData<string> AllVectors()
    {
        var data = new TheoryData<string>();
        foreach (string file in new[] { "signature-v1.json", "signature-v4.json" })
        {
            foreach (JsonElement vector in LoadCases(file))
            {
                data.Add(file + "#" + vector.GetProperty("id").GetString());
            }
        }

        return data;
    }

    [Fact]
    public void TheVectorFilesAreThere()
        => Assert.True(AllVectors().Count >= 9, "expected the V1 and V4 vector files next to the test assembly");

    [Theory]
    [MemberData(nameof(AllVectors))]
    public void ThePublishedSignatureVerifies(string vectorId)
    {
        VectorRequest vector = VectorRequest.Load(vectorId);

        OssError? error = vector.CreateAuthenticator().Authenticate(vector.ToView(vector.PublishedSignature));

        Assert.Null(error);
    }

    [Theory]
    [MemberData(nameof(AllVectors))]
    public void ATamperedSignatureIsRefusedWithThePublishedStringToSign(string vectorId)
    {
        VectorRequest vector = VectorRequest.Load(vectorId);
        string tampered = vector.PublishedSignature.Length > 0 && vector.PublishedSignature[0] == 'a' ? "b" + vector.PublishedSignature[1..] : "a" + vector.PublishedSignature[1..];

        OssError? error = vector.CreateAuthenticator().Authenticate(vector.ToView(tampered));

        Assert.NotNull(error);
        Assert.Equal(403, error.StatusCode);
        Assert.Equal("SignatureDoesNotMatch", error.Code);
        string stringToSign = error.Details.Single(d => d.Key == "StringToSign").Value;
        if (vector.PublishedStringToSign is { } published)
        {
            Assert.Equal(published, stringToSign);
        }

        if (vector.PublishedCanonicalRequest is { } canonical)
        {
            Assert.Equal(canonical, error.Details.Single(d => d.Key == "CanonicalRequest").Value);
        }
    }

    [Theory]
    [MemberData(nameof(AllVectors))]
    public void AnotherSecretIsRefused(string vectorId)
    {
        VectorRequest vector = VectorRequest.Load(vectorId);

        OssError? error = vector.CreateAuthenticator(secret: "another-secret").Authenticate(vector.ToView(vector.PublishedSignature));

        Assert.Equal("SignatureDoesNotMatch", error?.Code);
    }

    [Fact]
    public async Task TheV1HeaderVectorStoresItsObjectOverHttp()
    {
        // PUT /examplebucket/nelson with Content-MD5 = MD5("0123456789"), exactly as the vector signs it.
        VectorRequest vector = VectorRequest.Load("signature-v1.json#v1-header-put-basic");
        await using OssTestServer server = await vector.StartServerAsync();
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(server.Endpoint, "/examplebucket/nelson")) { Content = new ByteArrayContent("0123456789"u8.ToArray()) };
        vector.CopyHeadersTo(request);

        using HttpResponseMessage response = await RawRequests.Http.SendAsync(request);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("0123456789"u8.ToArray(), await server.ReadObjectAsync("examplebucket", "nelson"));
        Assert.Equal("text/html", server.GetObject("examplebucket", "nelson")!.ContentType);
    }

    [Theory]
    [InlineData("v4-header-basic")]
    [InlineData("v4-header-sts-token")]
    [InlineData("v4-header-additional-headers")]
    public async Task TheV4HeaderVectorsStoreTheirObjectOverHttp(string id)
    {
        // PUT /bucket/1234+-/123/1.txt?+param1=value3&... : the unsigned extra parameters are ignored by PutObject.
        VectorRequest vector = VectorRequest.Load("signature-v4.json#" + id);
        await using OssTestServer server = await vector.StartServerAsync();
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(server.Endpoint, "/bucket/1234%2B-/123/1.txt?" + vector.RawQuery)) { Content = new ByteArrayContent([7]) };
        vector.CopyHeadersTo(request);

        using HttpResponseMessage response = await RawRequests.Http.SendAsync(request);

        Assert.True(200 == (int)response.StatusCode, await response.Content.ReadAsStringAsync());
        Assert.Equal("text/plain", server.GetObject("bucket", "1234+-/123/1.txt")!.ContentType);
    }

    [Fact]
    public async Task TheV4PresignedVectorStoresItsObjectOverHttp()
    {
        // PUT /bucket/1234+-/123/1.txt with the presigned query, before the URL expires.
        VectorRequest vector = VectorRequest.Load("signature-v4.json#v4-query-presign-basic");
        await using OssTestServer server = await vector.StartServerAsync();
        string query = vector.RawQuery + "&" + string.Join('&', vector.PresignParameters(vector.PublishedSignature).Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(server.Endpoint, "/bucket/1234%2B-/123/1.txt?" + query)) { Content = new ByteArrayContent([42]) };
        vector.CopyHeadersTo(request);

        using HttpResponseMessage response = await RawRequests.Http.SendAsync(request);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(new byte[] { 42 }, await server.ReadObjectAsync("bucket", "1234+-/123/1.txt"));
    }

    private static IEnumerable<JsonElement> LoadCases(string file)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Path.Combine(s_vectorDirectory, file)));
        return document.RootElement.GetProperty("cases").EnumerateArray().Select(e => e.Clone()).ToArray();
    }

    /// <summary>One vector case, turned into the request the server would receive.</summary>
    private sealed class VectorRequest
    {
        private readonly JsonElement _inputs;
        private readonly JsonElement _expected;

        private VectorRequest(JsonElement vector)
        {
            _inputs = vector.GetProperty("inputs");
            _expected = vector.GetProperty("expected");
            IsV4 = _inputs.TryGetProperty("region", out _);
            IsPresigned = vector.GetProperty("mode").GetString() == "query";
        }

        public bool IsV4 { get; }

        public bool IsPresigned { get; }

        public string AccessKeyId => _inputs.GetProperty("access_key_id").GetString()!;

        public string? SecurityToken => _inputs.GetProperty("security_token").GetString();

        public string RawQuery => _inputs.TryGetProperty("raw_query", out JsonElement raw) ? raw.GetString()! : string.Empty;

        public string? PublishedStringToSign => Optional(_expected, "string_to_sign");

        public string? PublishedCanonicalRequest => Optional(_expected, "canonical_request");

        /// <summary>Gets the signature as the request carries it: from the Authorization value or the presign result.</summary>
        public string PublishedSignature
        {
            get
            {
                if (IsPresigned)
                {
                    return (IsV4 ? Optional(_expected, "x_oss_signature") : Optional(_expected, "signature"))!;
                }

                string authorization = _expected.GetProperty("authorization").GetString()!;
                return IsV4 ? authorization[(authorization.IndexOf("Signature=", StringComparison.Ordinal) + "Signature=".Length)..] : authorization[(authorization.LastIndexOf(':') + 1)..];
            }
        }

        /// <summary>Gets the request time: the signing time, or just before the V1 expiry, or the Date header.</summary>
        public DateTimeOffset RequestTime
        {
            get
            {
                if (_inputs.TryGetProperty("signing_time_unix", out JsonElement signed))
                {
                    return DateTimeOffset.FromUnixTimeSeconds(signed.GetInt64());
                }

                if (_inputs.TryGetProperty("expires_unix", out JsonElement expires))
                {
                    return DateTimeOffset.FromUnixTimeSeconds(expires.GetInt64() - 60);
                }

                return DateTimeOffset.ParseExact(_inputs.GetProperty("date_header").GetString()!, "r", CultureInfo.InvariantCulture);
            }
        }

        public static VectorRequest Load(string vectorId)
        {
            string[] parts = vectorId.Split('#');
            return new VectorRequest(LoadCases(parts[0]).Single(c => c.GetProperty("id").GetString() == parts[1]));
        }

        public RequestAuthenticator CreateAuthenticator(string? secret = null)
            => new(
                [new OssTestCredential(AccessKeyId, secret ?? _inputs.GetProperty("access_key_secret").GetString()!, SecurityToken)],
                IsV4 ? _inputs.GetProperty("region").GetString()! : "cn-hangzhou",
                new FakeTimeProvider(RequestTime),
                TimeSpan.FromMinutes(15));

        public async Task<OssTestServer> StartServerAsync(bool createBucket = true)
        {
            var options = new OssTestServerOptions { TimeProvider = new FakeTimeProvider(RequestTime), Region = IsV4 ? _inputs.GetProperty("region").GetString()! : "cn-hangzhou" };
            options.Credentials.Add(new OssTestCredential(AccessKeyId, _inputs.GetProperty("access_key_secret").GetString()!, SecurityToken));
            if (createBucket)
            {
                options.Buckets.Add(_inputs.GetProperty("bucket").GetString()!);
            }

            return await OssTestServer.StartAsync(options);
        }

        public SignedRequestView ToView(string signature)
        {
            var query = _inputs.GetProperty("query").EnumerateArray().Select(p => new KeyValuePair<string, string>(p[0].GetString()!, p[1].GetString()!)).ToList();
            if (IsPresigned)
            {
                query.AddRange(PresignParameters(signature));
            }

            return new SignedRequestView
            {
                Method = _inputs.GetProperty("method").GetString()!,
                Bucket = _inputs.GetProperty("bucket").GetString(),
                Key = _inputs.GetProperty("key").GetString(),
                Query = query,
                Headers = BuildHeaders(signature),
            };
        }

        public IEnumerable<KeyValuePair<string, string>> PresignParameters(string signature)
        {
            if (!IsV4)
            {
                yield return new("Expires", _inputs.GetProperty("expires_unix").GetInt64().ToString(CultureInfo.InvariantCulture));
                yield return new("OSSAccessKeyId", AccessKeyId);
                yield return new("Signature", signature);
                if (SecurityToken is not null)
                {
                    yield return new("security-token", SecurityToken);
                }

                yield break;
            }

            yield return new("x-oss-signature-version", _expected.GetProperty("x_oss_signature_version").GetString()!);
            yield return new("x-oss-date", _expected.GetProperty("x_oss_date").GetString()!);
            yield return new("x-oss-expires", _expected.GetProperty("x_oss_expires").GetString()!);
            yield return new("x-oss-credential", _expected.GetProperty("x_oss_credential").GetString()!);
            if (Optional(_expected, "x_oss_additional_headers") is { } additional)
            {
                yield return new("x-oss-additional-headers", additional);
            }

            if (SecurityToken is not null)
            {
                yield return new("x-oss-security-token", SecurityToken);
            }

            yield return new("x-oss-signature", signature);
        }

        public void CopyHeadersTo(HttpRequestMessage request)
        {
            foreach (KeyValuePair<string, string> header in BuildHeaders(PublishedSignature))
            {
                if (header.Key.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
                {
                    request.Content!.Headers.Remove(header.Key);
                    request.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
                else
                {
                    request.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
            }
        }

        private Dictionary<string, string> BuildHeaders(string signature)
        {
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (JsonProperty header in _inputs.GetProperty("headers").EnumerateObject())
            {
                headers[header.Name] = header.Value.GetString()!;
            }

            if (IsPresigned)
            {
                return headers;
            }

            if (SecurityToken is not null)
            {
                headers["x-oss-security-token"] = SecurityToken;
            }

            string authorization = _expected.GetProperty("authorization").GetString()!;
            if (IsV4)
            {
                headers["x-oss-date"] = _inputs.GetProperty("x_oss_date").GetString()!;
                headers["Authorization"] = authorization[..(authorization.IndexOf("Signature=", StringComparison.Ordinal) + "Signature=".Length)] + signature;
            }
            else
            {
                headers["Date"] = _inputs.GetProperty("date_header").GetString()!;
                headers["Authorization"] = authorization[..(authorization.LastIndexOf(':') + 1)] + signature;
            }

            return headers;
        }

        private static string? Optional(JsonElement element, string name)
            => element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
