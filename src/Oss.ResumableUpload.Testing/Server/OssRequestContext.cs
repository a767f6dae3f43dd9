using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Oss.ResumableUpload.Testing;

/// <summary>One request on its way through the server: the HTTP context, what it targets, and its faults.</summary>
internal sealed class OssRequestContext
{
    private UploadCounters? _counters;
    private long _bodyBytes;

    public OssRequestContext(HttpContext http, string requestId, OssRequestTarget target, OssOperationKind operation)
    {
        Http = http;
        RequestId = requestId;
        Target = target;
        Operation = operation;
        UploadId = target.Get("uploadId");
        if (int.TryParse(target.Get("partNumber"), NumberStyles.None, CultureInfo.InvariantCulture, out int partNumber))
        {
            PartNumber = partNumber;
        }
    }

    public HttpContext Http { get; }

    public string RequestId { get; }

    public OssRequestTarget Target { get; }

    public OssOperationKind Operation { get; }

    public string Method => Http.Request.Method;

    public string? Bucket => Target.Bucket;

    public string? Key => Target.Key;

    public string? UploadId { get; }

    /// <summary>Gets the parsed partNumber query value, when it is a non-negative integer.</summary>
    public int? PartNumber { get; }

    public FaultPlan Faults { get; set; } = FaultPlan.None;

    /// <summary>Gets or sets the largest body the server reads for this request (see <see cref="RequestChecks.MaxBodySize"/>).</summary>
    public long MaxBodySize { get; set; } = long.MaxValue;

    public long BodyBytesReceived => Interlocked.Read(ref _bodyBytes);

    /// <summary>Gets or sets a value indicating whether the request body has been read to its end.</summary>
    public bool BodyConsumed { get; set; }

    public bool UrlEncodingRequested => Target.Get("encoding-type") == "url";

    public CancellationToken Aborted => Http.RequestAborted;

    /// <summary>Returns a header exactly as sent (several values joined with <c>,</c>), or null.</summary>
    public string? Header(string name)
    {
        return Http.Request.Headers.TryGetValue(name, out Microsoft.Extensions.Primitives.StringValues values) && values.Count > 0
            ? (values.Count == 1 ? values[0] : string.Join(',', values.ToArray()))
            : null;
    }

    public bool HeaderIsTrue(string name) => string.Equals(Header(name)?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Collects the <c>x-oss-meta-*</c> headers, names in lower case.</summary>
    public Dictionary<string, string> CollectMetadata()
    {
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues> header in Http.Request.Headers)
        {
            if (header.Key.StartsWith("x-oss-meta-", StringComparison.OrdinalIgnoreCase))
            {
                metadata[header.Key.ToLowerInvariant()] = header.Value.ToString();
            }
        }

        return metadata;
    }

    /// <summary>
    /// From now on counts an UploadPart's body bytes for its upload (see <see cref="OssTestServer.GetPartBytesReceived"/>).
    /// Called once the request is authenticated, and only for upload ids the server issued, so no request creates counters.
    /// </summary>
    public void AttachUploadCounters(ServerState state)
    {
        if (Operation == OssOperationKind.UploadPart && UploadId is not null && state.Counters.TryGetValue(UploadId, out UploadCounters? counters))
        {
            _counters = counters;
        }
    }

    public void CountBodyBytes(int count)
    {
        Interlocked.Add(ref _bodyBytes, count);
        _counters?.Add(PartNumber ?? 0, count);
    }

    /// <summary>The CRC-64 as a header value, corrupted when a CorruptCrc64 fault applies.</summary>
    public string FormatCrc64(ulong crc)
        => (Faults.CorruptCrc64 ? crc ^ 0x5A5A_0000_0000_0001UL : crc).ToString(CultureInfo.InvariantCulture);

    /// <summary>The ETag as sent, corrupted (a different hex digest of the same shape) when a CorruptETag fault applies.</summary>
    public string FormatETag(string etag)
    {
        if (!Faults.CorruptETag || etag.Length < 3)
        {
            return etag;
        }

        char[] chars = etag.ToCharArray();
        chars[1] = chars[1] == '0' ? '1' : '0';
        return new string(chars);
    }

    /// <summary>Applies the query's <c>encoding-type=url</c> to a key or marker in an XML reply.</summary>
    public string EncodeForXml(string value) => UrlEncodingRequested ? OssUrlEncoding.EscapeQuery(value) : value;
}
