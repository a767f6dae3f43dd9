namespace Oss.ResumableUpload.Checkpoints;

/// <summary>
/// The first line of a <see cref="FileCheckpointStore"/> file: the key the file was saved under. File names are
/// hashes, so this line is how the store lists fingerprints and rejects a file whose hash collided with another key.
/// </summary>
internal sealed class CheckpointFileHeader
{
    public string BucketName { get; set; } = string.Empty;

    public string ObjectKey { get; set; } = string.Empty;

    public string Fingerprint { get; set; } = string.Empty;
}
