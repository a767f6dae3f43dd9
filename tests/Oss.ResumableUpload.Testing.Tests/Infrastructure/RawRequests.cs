using System.Security.Cryptography;
using System.Xml.Linq;
using Oss.ResumableUpload.Signing;

namespace Oss.ResumableUpload.Testing.Tests;

/// <summary>Builds and sends requests the library's client never sends, signed with the library's signers.</summary>
internal static class RawRequests
{
    public static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false });

    /// <summary>Builds a request signed like the client signs; <paramref name="rawQuery"/> is the escaped query without the question mark.</summary>
    public static HttpRequestMessage Create(
        OssTestServer server,
        HttpMethod method,
        string? bucket,
        string? key,
        string rawQuery = "",
        byte[]? body = null,
        IDictionary<string, string>? headers = null,
        OssSignatureVersion version = OssSignatureVersion.V4,
        OssTestCredential? credential = null,
        DateTimeOffset? signingTime = null,
        bool sign = true,
        string? region = null)
    {
        Dictionary<string, string> all = SigningInput.CreateHeaders();
        if (headers is not null)
        {
            foreach (KeyValuePair<string, string> header in headers)
            {
                all[header.Key] = header.Value;
            }
        }

        var query = new List<KeyValuePair<string, string>>();
        foreach (string pair in rawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            query.Add(eq < 0 ? new(Uri.UnescapeDataString(pair), string.Empty) : new(Uri.UnescapeDataString(pair[..eq]), Uri.UnescapeDataString(pair[(eq + 1)..])));
        }

        if (sign)
        {
            OssTestCredential key1 = credential ?? server.Credential;
            var creds = new OssCredentials(key1.AccessKeyId, key1.AccessKeySecret, key1.SecurityToken);
            var input = new SigningInput { Method = method.Method, Bucket = bucket, Key = key, Query = query, Headers = all };
            DateTimeOffset time = signingTime ?? DateTimeOffset.UtcNow;
            all["Authorization"] = version == OssSignatureVersion.V4
                ? OssV4Signer.Sign(input, creds, time, region ?? server.Region)
                : OssV1Signer.Sign(input, creds, time);
        }

        string path = "/" + (bucket is null ? string.Empty : bucket + "/") + (key is null ? string.Empty : OssUriEncoder.EscapePath(key));
        var request = new HttpRequestMessage(method, new Uri(server.Endpoint, path + (rawQuery.Length > 0 ? "?" + rawQuery : string.Empty)));
        if (body is not null || method == HttpMethod.Put || method == HttpMethod.Post)
        {
            request.Content = new ByteArrayContent(body ?? []);
        }

        foreach (KeyValuePair<string, string> header in all)
        {
            if (header.Key.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
            {
                request.Content ??= new ByteArrayContent([]);
                request.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
            else
            {
                request.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        return request;
    }

    public static async Task<RawResponse> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            using HttpResponseMessage response = await Http.SendAsync(request);
            byte[] body = await response.Content.ReadAsByteArrayAsync();
            return new RawResponse(response, body);
        }
    }

    public static Task<RawResponse> SendAsync(OssTestServer server, HttpMethod method, string? bucket, string? key, string rawQuery = "", byte[]? body = null, IDictionary<string, string>? headers = null, OssSignatureVersion version = OssSignatureVersion.V4)
        => SendAsync(Create(server, method, bucket, key, rawQuery, body, headers, version));

    public static string ContentMd5(byte[] data) => Convert.ToBase64String(MD5.HashData(data));

    public static byte[] CompleteBody(params (int PartNumber, string ETag)[] parts)
        => System.Text.Encoding.UTF8.GetBytes(new XElement("CompleteMultipartUpload", parts.Select(p => new XElement("Part", new XElement("PartNumber", p.PartNumber), new XElement("ETag", p.ETag)))).ToString());

    /// <summary>Initiates an upload with a raw request and returns its id.</summary>
    public static async Task<string> InitiateAsync(OssTestServer server, string key, string bucket = TestClients.Bucket)
    {
        RawResponse response = await SendAsync(server, HttpMethod.Post, bucket, key, "uploads");
        Assert.Equal(200, response.Status);
        return response.Xml().Root!.Element("UploadId")!.Value;
    }

    /// <summary>Uploads one part with a raw request and returns its ETag.</summary>
    public static async Task<string> UploadPartAsync(OssTestServer server, string key, string uploadId, int partNumber, byte[] data, string bucket = TestClients.Bucket)
    {
        RawResponse response = await SendAsync(server, HttpMethod.Put, bucket, key, $"partNumber={partNumber}&uploadId={uploadId}", data, new Dictionary<string, string> { ["Content-MD5"] = ContentMd5(data) });
        Assert.Equal(200, response.Status);
        return response.Header("ETag")!;
    }
}

/// <summary>A buffered reply.</summary>
internal sealed class RawResponse
{
    public RawResponse(HttpResponseMessage response, byte[] body)
    {
        Status = (int)response.StatusCode;
        Body = body;
        HeaderNames = response.Headers.Select(h => h.Key).Concat(response.Content.Headers.Select(h => h.Key)).ToArray();
        Headers = response.Headers.Concat(response.Content.Headers).GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => string.Join(",", g.SelectMany(h => h.Value)), StringComparer.OrdinalIgnoreCase);
        ContentType = response.Content.Headers.ContentType?.ToString();
        ContentLength = response.Content.Headers.ContentLength;
    }

    public int Status { get; }

    public byte[] Body { get; }

    public string BodyText => System.Text.Encoding.UTF8.GetString(Body);

    public IReadOnlyList<string> HeaderNames { get; }

    public IReadOnlyDictionary<string, string> Headers { get; }

    public string? ContentType { get; }

    public long? ContentLength { get; }

    public string? Header(string name) => Headers.TryGetValue(name, out string? value) ? value : null;

    public XDocument Xml() => XDocument.Parse(BodyText);

    public string? ErrorCode => Body.Length == 0 ? null : Xml().Root?.Element("Code")?.Value;

    public string? XmlValue(string element) => Xml().Root?.Element(element)?.Value;
}
