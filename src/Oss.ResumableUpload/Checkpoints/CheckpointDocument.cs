using System.Text.Json.Serialization;

namespace Oss.ResumableUpload.Checkpoints;

/// <summary>
/// The persisted state of one multipart upload: where it goes, which file version it came from, the fixed part
/// layout and the parts known to be on the server. It holds no credentials, signatures or tokens.
/// </summary>
internal sealed class CheckpointDocument
{
    /// <summary>The only format this version reads and writes.</summary>
    public const int CurrentFormatVersion = 1;

    public int FormatVersion { get; set; }

    public string UploadId { get; set; } = string.Empty;

    public string BucketName { get; set; } = string.Empty;

    public string ObjectKey { get; set; } = string.Empty;

    /// <summary>The file's full path when the upload began; informational, the fingerprint covers it.</summary>
    public string FilePath { get; set; } = string.Empty;

    public string Fingerprint { get; set; } = string.Empty;

    public long FileSize { get; set; }

    public long PartSize { get; set; }

    public int PartCount { get; set; }

    /// <summary>
    /// Set only on an initiate intent: a document saved just before InitiateMultipartUpload is sent, with no upload id
    /// yet. Finding one means a process died between that request and the first real save; see <c>InitiateIntent</c>.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? InitiatingAt { get; set; }

    /// <summary>The parts on the server, ascending by number.</summary>
    public List<CheckpointPart> Parts { get; set; } = [];

    /// <summary>The XxHash128 of the document serialized without this property; always written last.</summary>
    [JsonPropertyOrder(int.MaxValue)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Checksum { get; set; }
}

/// <summary>One part recorded in a checkpoint.</summary>
internal sealed class CheckpointPart
{
    public int Number { get; set; }

    public long Size { get; set; }

    public string ETag { get; set; } = string.Empty;

    /// <summary>The part's CRC-64, as a string so that readers limited to doubles keep every digit.</summary>
    [JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
    public ulong Crc64 { get; set; }
}
