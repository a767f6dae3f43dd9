using System.Globalization;
using Oss.ResumableUpload.Resumable;

namespace Oss.ResumableUpload.Checkpoints;

/// <summary>
/// Decides whether a verified checkpoint document belongs to this upload: the same bucket, key and file fingerprint,
/// a layout that fits the file, and a well-formed part list. Anything else is ignored, never trusted.
/// </summary>
internal static class CheckpointValidator
{
    private const int MaxETagLength = 128;

    /// <returns>null when the document can be resumed; otherwise the reason it cannot.</returns>
    public static string? Validate(CheckpointDocument document, CheckpointKey key, long fileSize, out PartLayout layout)
    {
        layout = default;
        if (string.IsNullOrEmpty(document.UploadId))
        {
            return "it has no upload id";
        }

        if (!string.Equals(document.BucketName, key.BucketName, StringComparison.Ordinal)
            || !string.Equals(document.ObjectKey, key.ObjectKey, StringComparison.Ordinal))
        {
            return "it belongs to a different bucket or key";
        }

        if (!string.Equals(document.Fingerprint, key.FileFingerprint, StringComparison.Ordinal))
        {
            return "it belongs to a different version of the file";
        }

        if (document.FileSize != fileSize)
        {
            return string.Create(CultureInfo.InvariantCulture, $"it records a file of {document.FileSize} bytes, but the file has {fileSize}");
        }

        if (!PartLayout.TryRestore(document.FileSize, document.PartSize, document.PartCount, out layout))
        {
            return string.Create(CultureInfo.InvariantCulture, $"its layout ({document.PartCount} parts of {document.PartSize} bytes) does not fit the file");
        }

        int previous = 0;
        foreach (CheckpointPart part in document.Parts)
        {
            if (part is null || part.Number <= previous || part.Number > layout.PartCount)
            {
                return "its part list is out of order or out of range";
            }

            if (part.Size != layout.GetLength(part.Number))
            {
                return string.Create(CultureInfo.InvariantCulture, $"part {part.Number} has {part.Size} bytes, but the layout gives it {layout.GetLength(part.Number)}");
            }

            if (string.IsNullOrEmpty(part.ETag) || part.ETag.Length > MaxETagLength)
            {
                return string.Create(CultureInfo.InvariantCulture, $"part {part.Number} has no valid ETag");
            }

            previous = part.Number;
        }

        return null;
    }
}
