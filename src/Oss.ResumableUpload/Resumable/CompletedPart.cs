namespace Oss.ResumableUpload.Resumable;

/// <summary>A part known to be on the server with content equal to the local bytes.</summary>
/// <param name="Number">The part number, 1-based.</param>
/// <param name="Size">The part's length in bytes.</param>
/// <param name="ETag">The ETag the server gave the part, quotes included.</param>
/// <param name="Crc64">The CRC-64 of the part's local bytes.</param>
internal readonly record struct CompletedPart(int Number, long Size, string ETag, ulong Crc64);
