namespace Oss.ResumableUpload.Testing;

/// <summary>A successful (or 203) answer built by an operation handler and written by <see cref="OssRequestPipeline"/>.</summary>
internal sealed class OssReply
{
    public int StatusCode { get; init; } = 200;

    public List<KeyValuePair<string, string>> Headers { get; } = [];

    /// <summary>Gets a small body held in memory.</summary>
    public byte[]? Body { get; init; }

    public string? ContentType { get; init; }

    /// <summary>Gets the length of a streamed body (<see cref="WriteBody"/>).</summary>
    public long StreamedLength { get; init; }

    /// <summary>Gets a writer for a large body (GetObject); not called for HEAD.</summary>
    public Func<Stream, CancellationToken, Task>? WriteBody { get; init; }

    public static OssReply Empty(int statusCode = 200) => new() { StatusCode = statusCode };

    public static OssReply Xml(byte[] xml, int statusCode = 200) => new() { StatusCode = statusCode, Body = xml, ContentType = "application/xml" };

    public OssReply WithHeader(string name, string value)
    {
        Headers.Add(new(name, value));
        return this;
    }
}
