using System.Globalization;
using System.Text;

namespace Oss.ResumableUpload.Testing;

/// <summary>Validation shared by the operation handlers; each failure is the OSS error to answer with.</summary>
internal static class RequestChecks
{
    public static string RequireKey(OssRequestContext request)
    {
        string key = request.Key ?? throw OssError.InvalidObjectName(string.Empty).ToException();
        int bytes = Encoding.UTF8.GetByteCount(key);
        if (bytes is 0 or > 1023 || key[0] is '/' or '\\')
        {
            throw OssError.InvalidObjectName(key).ToException();
        }

        return key;
    }

    public static bool IsValidBucketName(string name)
    {
        if (name.Length is < 3 or > 63 || name[0] == '-' || name[^1] == '-')
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Parses Content-MD5 when present; an unparsable value is InvalidDigest.</summary>
    public static Md5Value? ParseContentMd5(OssRequestContext request)
    {
        string? value = request.Header("Content-MD5");
        if (value is null)
        {
            return null;
        }

        return Md5Value.TryParseBase64(value.Trim(), out Md5Value digest) ? digest : throw OssError.InvalidDigest(value, null).ToException();
    }

    public static void VerifyContentMd5(OssRequestContext request, Md5Value? expected, Md5Value actual)
    {
        if (expected is { } provided && !provided.Equals(actual))
        {
            throw OssError.InvalidDigest(request.Header("Content-MD5"), actual.ToBase64()).ToException();
        }
    }

    /// <summary>The largest body the server reads for an operation: the part, PutObject or XML cap.</summary>
    public static long MaxBodySize(OssOperationKind operation, OssTestServerOptions options) => operation switch
    {
        OssOperationKind.UploadPart => options.MaxPartSize,
        OssOperationKind.PutObject => options.MaxPutObjectSize,
        _ => options.MaxXmlBodySize,
    };

    /// <summary>Refuses a declared Content-Length over the operation's cap before any byte is read.</summary>
    public static void CheckDeclaredLength(OssRequestContext request)
    {
        if (request.Http.Request.ContentLength is long length && length > request.MaxBodySize)
        {
            throw OssError.EntityTooLarge(length, request.MaxBodySize).ToException();
        }
    }

    public static int ParseIntParameter(OssRequestContext request, string name, int defaultValue, int min, int max)
    {
        string? raw = request.Target.Get(name);
        if (raw is null)
        {
            return defaultValue;
        }

        if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value < min || value > max)
        {
            throw OssError.InvalidArgument($"{name} must be an integer between {min} and {max}.", name, raw).ToException();
        }

        return value;
    }

    /// <summary>Finds the upload named by the request's uploadId for its bucket and key. Caller holds the state lock.</summary>
    public static UploadState FindUploadLocked(ServerState state, OssRequestContext request)
    {
        string uploadId = request.UploadId ?? string.Empty;
        if (state.Uploads.TryGetValue(uploadId, out UploadState? upload) && upload.Bucket == request.Bucket && upload.Key == request.Key)
        {
            return upload;
        }

        throw OssError.NoSuchUpload(uploadId).ToException();
    }

    public static string HttpDate(DateTimeOffset time) => time.UtcDateTime.ToString("r", CultureInfo.InvariantCulture);
}
