using System.Text.Json;
using Microsoft.Win32.SafeHandles;

namespace Oss.ResumableUpload.Checkpoints;

/// <summary>
/// The first line of a <see cref="FileCheckpointStore"/> file: the key the file was saved under. File names are
/// hashes, so this line is how the store lists fingerprints and rejects a file whose hash collided with another key.
/// </summary>
/// <remarks>
/// A header is only accepted whole: a JSON object whose three fields are non-empty strings, on a line of at most
/// <see cref="MaxLength"/> bytes. Anything else (a torn write, a hand edit, a planted file) names no key, so that
/// <see cref="FileCheckpointStore.ListAsync"/> never hands out a key that <c>LoadAsync</c> or <c>DeleteAsync</c> would
/// refuse.
/// </remarks>
internal sealed class CheckpointFileHeader
{
    /// <summary>The longest header line, in UTF-8 bytes, that is written or read: far above a 1,023-byte key fully escaped.</summary>
    public const int MaxLength = 16 * 1024;

    public string BucketName { get; set; } = string.Empty;

    public string ObjectKey { get; set; } = string.Empty;

    public string Fingerprint { get; set; } = string.Empty;

    /// <summary>Serializes the header of <paramref name="key"/>, without the line break.</summary>
    /// <exception cref="ArgumentException">A field is empty, or the line would exceed <see cref="MaxLength"/>.</exception>
    public static byte[] Serialize(CheckpointKey key)
    {
        var header = new CheckpointFileHeader { BucketName = key.BucketName, ObjectKey = key.ObjectKey, Fingerprint = key.FileFingerprint };
        if (!header.IsComplete())
        {
            throw new ArgumentException("The bucket name, object key and fingerprint must all be non-empty.", nameof(key));
        }

        byte[] line = JsonSerializer.SerializeToUtf8Bytes(header, CheckpointJsonContext.Default.CheckpointFileHeader);
        if (line.Length > MaxLength)
        {
            throw new ArgumentException($"The key is too long for a checkpoint file: its header takes {line.Length} bytes, more than {MaxLength}.", nameof(key));
        }

        return line;
    }

    /// <summary>Parses a header line (without its line break).</summary>
    /// <returns>The header, or null when the line is not one whole, valid header.</returns>
    public static CheckpointFileHeader? TryParse(ReadOnlySpan<byte> utf8Line)
    {
        if (utf8Line.Length > MaxLength)
        {
            return null;
        }

        CheckpointFileHeader? header;
        try
        {
            header = JsonSerializer.Deserialize(utf8Line, CheckpointJsonContext.Default.CheckpointFileHeader);
        }
        catch (JsonException)
        {
            return null;
        }

        return header is not null && header.IsComplete() ? header : null;
    }

    /// <summary>Reads and parses the first line of an open checkpoint file.</summary>
    /// <returns>The header, or null when the file does not start with one whole, valid header line.</returns>
    public static async ValueTask<CheckpointFileHeader?> ReadAsync(SafeFileHandle file, CancellationToken cancellationToken)
    {
        byte[] prefix = new byte[MaxLength + 1];
        int filled = 0;
        while (filled < prefix.Length)
        {
            int read = await RandomAccess.ReadAsync(file, prefix.AsMemory(filled), filled, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return FromPrefix(prefix.AsSpan(0, filled));
    }

    /// <summary>Reads and parses the first line of an open checkpoint file, synchronously.</summary>
    /// <returns>The header, or null when the file does not start with one whole, valid header line.</returns>
    public static CheckpointFileHeader? Read(SafeFileHandle file)
    {
        byte[] prefix = new byte[MaxLength + 1];
        int filled = 0;
        while (filled < prefix.Length)
        {
            int read = RandomAccess.Read(file, prefix.AsSpan(filled), filled);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return FromPrefix(prefix.AsSpan(0, filled));
    }

    public CheckpointKey ToKey() => new(BucketName, ObjectKey, Fingerprint);

    private static CheckpointFileHeader? FromPrefix(ReadOnlySpan<byte> prefix)
    {
        int newline = prefix.IndexOf((byte)'\n');
        return newline < 0 ? null : TryParse(prefix[..newline]);
    }

    // JSON null deserializes to null whatever the annotation says; a missing property leaves the empty default.
    private bool IsComplete()
        => !string.IsNullOrEmpty(BucketName) && !string.IsNullOrEmpty(ObjectKey) && !string.IsNullOrEmpty(Fingerprint);
}
