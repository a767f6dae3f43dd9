using System.Globalization;
using System.IO.Hashing;
using System.Text;
using System.Text.Json;

namespace Oss.ResumableUpload.Checkpoints;

/// <summary>
/// Writes and reads checkpoint JSON. The document carries a checksum of itself: the XxHash128 of its UTF-8 bytes
/// serialized without the <c>checksum</c> property, which is then appended as the last property. A document whose
/// checksum does not match (a torn write, a disk error, a hand edit) is rejected.
/// </summary>
internal static class CheckpointSerializer
{
    private const string ChecksumPrefix = "xxh128:";

    public static string Serialize(CheckpointDocument document)
    {
        document.Checksum = null;
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(document, CheckpointJsonContext.Default.CheckpointDocument);
        string checksum = ComputeChecksum(body);
        document.Checksum = checksum;

        // The body ends with '}'; append the checksum as the last property, exactly as the serializer would write it.
        var builder = new StringBuilder(body.Length + 64);
        builder.Append(Encoding.UTF8.GetString(body, 0, body.Length - 1));
        builder.Append(",\"checksum\":\"").Append(checksum).Append("\"}");
        return builder.ToString();
    }

    /// <summary>Parses and verifies a document; returns false with a reason for anything unreadable or altered.</summary>
    public static bool TryDeserialize(string json, out CheckpointDocument? document, out string? error)
    {
        document = null;
        CheckpointDocument? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize(json, CheckpointJsonContext.Default.CheckpointDocument);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            error = "the document is not valid checkpoint JSON (" + ex.Message + ")";
            return false;
        }

        if (parsed is null)
        {
            error = "the document is empty";
            return false;
        }

        if (parsed.FormatVersion != CheckpointDocument.CurrentFormatVersion)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"format version {parsed.FormatVersion} is not supported (expected {CheckpointDocument.CurrentFormatVersion})");
            return false;
        }

        string? stored = parsed.Checksum;
        if (string.IsNullOrEmpty(stored))
        {
            error = "the document has no checksum";
            return false;
        }

        parsed.Checksum = null;
        string actual = ComputeChecksum(JsonSerializer.SerializeToUtf8Bytes(parsed, CheckpointJsonContext.Default.CheckpointDocument));
        parsed.Checksum = stored;
        if (!string.Equals(actual, stored, StringComparison.Ordinal))
        {
            error = "the document's checksum does not match its content (it was altered or damaged)";
            return false;
        }

        document = parsed;
        error = null;
        return true;
    }

    private static string ComputeChecksum(ReadOnlySpan<byte> body)
        => ChecksumPrefix + XxHash128.HashToUInt128(body).ToString("x32", CultureInfo.InvariantCulture);
}
