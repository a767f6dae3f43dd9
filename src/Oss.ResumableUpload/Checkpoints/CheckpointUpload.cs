namespace Oss.ResumableUpload.Checkpoints;

/// <summary>
/// The upload a checkpoint describes, besides its parts: where it goes, which file version it came from
/// (in <see cref="Key"/>), its upload id and its fixed layout. Plain values, so that Checkpoints needs no engine type.
/// </summary>
internal readonly record struct CheckpointUpload(CheckpointKey Key, string UploadId, string FilePath, long FileSize, long PartSize, int PartCount)
{
    /// <summary>Builds the document to save, in the current format.</summary>
    /// <param name="parts">The parts on the server, ascending by number.</param>
    /// <param name="initiatingAt">Set only for an initiate intent (no upload id yet).</param>
    public CheckpointDocument ToDocument(List<CheckpointPart> parts, DateTimeOffset? initiatingAt = null) => new()
    {
        FormatVersion = CheckpointDocument.CurrentFormatVersion,
        UploadId = UploadId,
        BucketName = Key.BucketName,
        ObjectKey = Key.ObjectKey,
        FilePath = FilePath,
        Fingerprint = Key.FileFingerprint,
        FileSize = FileSize,
        PartSize = PartSize,
        PartCount = PartCount,
        InitiatingAt = initiatingAt,
        Parts = parts,
    };
}
