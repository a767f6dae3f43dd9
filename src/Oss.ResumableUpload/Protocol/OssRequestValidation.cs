using System.Text;

namespace Oss.ResumableUpload.Protocol;

/// <summary>Argument checks shared by every operation; they run before any request is sent.</summary>
internal static class OssRequestValidation
{
    public static void ValidateBucketName(string? bucketName, string paramName)
    {
        ArgumentException.ThrowIfNullOrEmpty(bucketName, paramName);
        if (bucketName.Length is < 3 or > 63)
        {
            throw new ArgumentException($"The bucket name '{bucketName}' must be 3 to 63 characters long.", paramName);
        }

        foreach (char c in bucketName)
        {
            if (!(c is >= 'a' and <= 'z' || c is >= '0' and <= '9' || c == '-'))
            {
                throw new ArgumentException($"The bucket name '{bucketName}' may contain only lower-case letters, digits and hyphens.", paramName);
            }
        }

        if (bucketName[0] == '-' || bucketName[^1] == '-')
        {
            throw new ArgumentException($"The bucket name '{bucketName}' must not start or end with a hyphen.", paramName);
        }
    }

    public static void ValidateObjectKey(string? objectKey, string paramName)
    {
        ArgumentException.ThrowIfNullOrEmpty(objectKey, paramName);
        int bytes = Encoding.UTF8.GetByteCount(objectKey);
        if (bytes > 1023)
        {
            throw new ArgumentException($"The object key must be at most 1023 bytes of UTF-8; it has {bytes}.", paramName);
        }

        if (objectKey[0] is '/' or '\\')
        {
            throw new ArgumentException($"The object key '{objectKey}' must not start with '/' or '\\'.", paramName);
        }
    }

    public static void ValidateUploadId(string? uploadId, string paramName) => ArgumentException.ThrowIfNullOrEmpty(uploadId, paramName);

    public static void ValidatePartNumber(int partNumber, string paramName)
    {
        if (partNumber is < 1 or > 10_000)
        {
            throw new ArgumentOutOfRangeException(paramName, partNumber, "The part number must be between 1 and 10000.");
        }
    }

    public static void ValidateMetadata(IReadOnlyDictionary<string, string>? metadata, string paramName)
    {
        if (metadata is null)
        {
            return;
        }

        foreach (KeyValuePair<string, string> entry in metadata)
        {
            if (string.IsNullOrEmpty(entry.Key) || !IsToken(entry.Key))
            {
                throw new ArgumentException($"The metadata name '{entry.Key}' must be non-empty and contain only ASCII letters, digits, '-' and '_'.", paramName);
            }

            if (entry.Value is null || !IsHeaderValue(entry.Value))
            {
                throw new ArgumentException($"The metadata value of '{entry.Key}' must be printable ASCII (encode other text yourself, for example as URL encoding).", paramName);
            }
        }
    }

    public static void ValidateCallback(OssUploadCallback? callback, string paramName)
    {
        if (callback is null)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(callback.CallbackUrl))
        {
            throw new ArgumentException("OssUploadCallback.CallbackUrl is required.", paramName);
        }

        if (string.IsNullOrEmpty(callback.CallbackBody))
        {
            throw new ArgumentException("OssUploadCallback.CallbackBody is required.", paramName);
        }

        if (callback.CustomVariables is not null)
        {
            foreach (string key in callback.CustomVariables.Keys)
            {
                if (!key.StartsWith("x:", StringComparison.Ordinal) || key.Length < 3 || !string.Equals(key, key.ToLowerInvariant(), StringComparison.Ordinal))
                {
                    throw new ArgumentException($"The callback variable '{key}' must start with 'x:' and be lower case.", paramName);
                }
            }
        }
    }

    private static bool IsToken(string value)
    {
        foreach (char c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsHeaderValue(string value)
    {
        foreach (char c in value)
        {
            if (c is < ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }
}
