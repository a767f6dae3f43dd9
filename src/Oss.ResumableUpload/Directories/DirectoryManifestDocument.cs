using System.Text.Json.Serialization;

namespace Oss.ResumableUpload.Directories;

/// <summary>The persisted form of a <see cref="DirectoryManifest"/>: which files of one tree are known to be on the server.</summary>
internal sealed class DirectoryManifestDocument
{
    public const int CurrentVersion = 1;

    public int Version { get; set; }

    public string BucketName { get; set; } = "";

    public string KeyPrefix { get; set; } = "";

    public string LocalDirectory { get; set; } = "";

    public Dictionary<string, ManifestFileRecord> Files { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>One uploaded file: its fingerprint when it was uploaded, and what the server stored.</summary>
internal sealed class ManifestFileRecord
{
    public long Size { get; set; }

    /// <summary>Gets or sets the last write time, UTC ticks.</summary>
    public long LastWriteTicks { get; set; }

    public string ETag { get; set; } = "";

    public ulong? Crc64 { get; set; }
}

/// <summary>Source-generated JSON of the manifest: no reflection, so trimming and AOT stay safe.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = false,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(DirectoryManifestDocument))]
internal sealed partial class DirectoryManifestJsonContext : JsonSerializerContext
{
}
