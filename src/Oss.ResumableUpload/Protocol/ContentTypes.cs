namespace Oss.ResumableUpload.Protocol;

/// <summary>Picks a Content-Type from an object key's extension, for uploads that do not name one.</summary>
internal static class ContentTypes
{
    public const string Default = "application/octet-stream";

    private static readonly Dictionary<string, string> s_byExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".txt"] = "text/plain",
        [".log"] = "text/plain",
        [".csv"] = "text/csv",
        [".htm"] = "text/html",
        [".html"] = "text/html",
        [".css"] = "text/css",
        [".js"] = "application/javascript",
        [".json"] = "application/json",
        [".xml"] = "application/xml",
        [".pdf"] = "application/pdf",
        [".zip"] = "application/zip",
        [".gz"] = "application/gzip",
        [".tar"] = "application/x-tar",
        [".7z"] = "application/x-7z-compressed",
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".gif"] = "image/gif",
        [".webp"] = "image/webp",
        [".svg"] = "image/svg+xml",
        [".mp3"] = "audio/mpeg",
        [".wav"] = "audio/wav",
        [".mp4"] = "video/mp4",
        [".mov"] = "video/quicktime",
        [".webm"] = "video/webm",
        [".mkv"] = "video/x-matroska",
        [".iso"] = "application/x-iso9660-image",
        [".bin"] = Default,
    };

    /// <summary>The type for the key's extension, or <c>application/octet-stream</c>.</summary>
    public static string FromKey(string objectKey)
        => s_byExtension.TryGetValue(Path.GetExtension(objectKey), out string? type) ? type : Default;
}
