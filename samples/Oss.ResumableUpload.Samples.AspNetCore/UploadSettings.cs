namespace Oss.ResumableUpload.Samples.AspNetCore;

/// <summary>The sample's own settings, the <c>Upload</c> section of the configuration.</summary>
public sealed class UploadSettings
{
    /// <summary>The configuration section bound to these settings.</summary>
    public const string SectionName = "Upload";

    /// <summary>The bucket that receives every upload. Required.</summary>
    public string? Bucket { get; set; }

    /// <summary>
    /// The size of the first 50 parts in bytes (later parts of a long stream double every 50 parts). Memory per upload is
    /// about <c>(MaxConcurrency + 2) × PartSize</c>. Default 8 MiB; OSS allows 100 KiB to 5 GiB.
    /// </summary>
    public long PartSize { get; set; } = 8L * 1024 * 1024;

    /// <summary>Parts in flight per upload. Default 4.</summary>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>
    /// The largest request body accepted, in bytes; a longer body fails with 413 and its upload is aborted.
    /// <see langword="null"/> (the key absent or empty) lifts Kestrel's 30 MB default entirely.
    /// </summary>
    public long? MaxRequestBodySize { get; set; }
}
