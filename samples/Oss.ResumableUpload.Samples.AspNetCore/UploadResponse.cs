namespace Oss.ResumableUpload.Samples.AspNetCore;

/// <summary>The body of a 201 reply.</summary>
/// <param name="Bucket">The bucket.</param>
/// <param name="Key">The object key.</param>
/// <param name="ETag">The object's ETag, as OSS returned it.</param>
/// <param name="Crc64">The object's CRC-64/ECMA as a decimal string (it does not fit JavaScript numbers), verified by the library.</param>
/// <param name="Size">The bytes uploaded.</param>
/// <param name="UploadId">The multipart upload's id, or <see langword="null"/> when the body was small enough for one PutObject.</param>
/// <param name="RequestId">OSS's request id of the last request, for support cases.</param>
internal sealed record UploadResponse(string Bucket, string Key, string ETag, string? Crc64, long Size, string? UploadId, string? RequestId);
