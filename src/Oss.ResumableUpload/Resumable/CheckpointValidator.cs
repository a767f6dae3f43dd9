using System.Globalization;
using Oss.ResumableUpload.Checkpoints;
using Oss.ResumableUpload.Protocol;

namespace Oss.ResumableUpload.Resumable;

/// <summary>
/// Decides whether a verified checkpoint document belongs to this upload: the same bucket, key and file fingerprint,
/// a layout that fits the file, and a well-formed part list. Anything else is ignored, never trusted.
/// </summary>
/// <remarks>
/// It is the engine's decision (it restores a <see cref="PartLayout"/>), so it lives in Resumable: the Checkpoints
/// folder only stores and (de)serializes documents and depends on nothing in the engine.
/// </remarks>
internal static class CheckpointValidator
{
    private const int MaxETagLength = OssLimits.MaxETagLength;

    /// <summary>The longest upload id a reply may carry, so every id the library accepted can be resumed.</summary>
    private const int MaxUploadIdLength = OssLimits.MaxUploadIdLength;

    /// <summary>
    /// Whether an upload id read from a checkpoint may be sent: 1..1,024 visible ASCII characters (OSS's own are 32
    /// hexadecimal characters), as the client accepts in replies. Anything else would only fail on the server (a
    /// 64 KiB id is a 414 or a reset connection) on every later run.
    /// </summary>
    public static bool IsWellFormedUploadId(string? uploadId)
        => uploadId is { Length: > 0 and <= MaxUploadIdLength } && IsVisibleAscii(uploadId);

    /// <returns>null when the document can be resumed; otherwise the reason it cannot.</returns>
    public static string? Validate(CheckpointDocument document, CheckpointKey key, long fileSize, out PartLayout layout)
    {
        layout = default;
        if (!IsWellFormedUploadId(document.UploadId))
        {
            return "its upload id is missing or malformed";
        }

        if (document.Parts is null)
        {
            return "it has no part list";
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

            if (string.IsNullOrEmpty(part.ETag) || part.ETag.Length > MaxETagLength || !IsVisibleAscii(part.ETag))
            {
                return string.Create(CultureInfo.InvariantCulture, $"part {part.Number} has no valid ETag");
            }

            previous = part.Number;
        }

        return null;
    }

    private static bool IsVisibleAscii(string value)
    {
        foreach (char c in value)
        {
            if (c is < '!' or > '~')
            {
                return false;
            }
        }

        return true;
    }
}
