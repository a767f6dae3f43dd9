namespace Oss.ResumableUpload;

/// <summary>A part number and the ETag UploadPart returned for it, as CompleteMultipartUpload needs them.</summary>
/// <param name="PartNumber">The part number, 1..10000.</param>
/// <param name="ETag">The part's ETag, quotes included.</param>
public readonly record struct PartETag(int PartNumber, string ETag);
