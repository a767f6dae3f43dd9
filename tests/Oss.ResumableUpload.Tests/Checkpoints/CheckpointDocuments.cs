using Oss.ResumableUpload.Checkpoints;

namespace Oss.ResumableUpload.Tests.Checkpoints;

/// <summary>Builds checkpoint documents for tests.</summary>
internal static class CheckpointDocuments
{
    public const long PartSize = 100 * 1024;

    public static CheckpointKey Key { get; } = new("test-bucket", "dir/object.bin", "v1-fingerprint");

    public static CheckpointDocument Create(int partCount = 5, int completed = 2, long lastPart = 1000)
        => new()
        {
            FormatVersion = CheckpointDocument.CurrentFormatVersion,
            UploadId = "upload-1",
            BucketName = Key.BucketName,
            ObjectKey = Key.ObjectKey,
            FilePath = "/tmp/file.bin",
            Fingerprint = Key.FileFingerprint,
            FileSize = ((partCount - 1) * PartSize) + lastPart,
            PartSize = PartSize,
            PartCount = partCount,
            Parts = Enumerable.Range(1, completed)
                .Select(n => new CheckpointPart { Number = n, Size = n == partCount ? lastPart : PartSize, ETag = $"\"{n:X32}\"", Crc64 = ulong.MaxValue - (ulong)n })
                .ToList(),
        };
}
