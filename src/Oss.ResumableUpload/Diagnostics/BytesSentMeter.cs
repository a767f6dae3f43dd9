namespace Oss.ResumableUpload.Diagnostics;

/// <summary>
/// Counts object bytes as the request bodies hand them to the socket (<c>oss.upload.bytes_sent</c>), chunk by chunk, so
/// an attempt that fails half-way counts what it sent and a retry counts again.
/// </summary>
internal static class BytesSentMeter
{
    /// <param name="counted">False for a body that is not object data (the caller's check, so the hot path reads no instrument twice).</param>
    /// <param name="count">The bytes just written.</param>
    public static void Add(bool counted, int count)
    {
        if (counted && OssMetrics.BytesSent.Enabled)
        {
            OssMetrics.BytesSent.Add(count);
        }
    }
}
