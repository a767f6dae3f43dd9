namespace Oss.ResumableUpload;

/// <summary>Identifies a checkpoint: the destination and a fingerprint of the local file.</summary>
/// <param name="BucketName">The bucket name.</param>
/// <param name="ObjectKey">The object key.</param>
/// <param name="FileFingerprint">A fingerprint of the local file's size, last-write time and sampled content.</param>
public readonly record struct CheckpointKey(string BucketName, string ObjectKey, string FileFingerprint);
