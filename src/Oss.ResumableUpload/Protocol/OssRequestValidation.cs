using System.Text;

namespace Oss.ResumableUpload.Protocol;

/// <summary>Argument checks shared by every operation; they run before any request is sent.</summary>
internal static class OssRequestValidation
{
    public static void ValidateBucketName(string? bucketName, string paramName)
    {
        ArgumentException.ThrowIfNullOrEmpty(bucketName, paramName);
        if (bucketName.Length is < OssLimits.MinBucketNameLength or > OssLimits.MaxBucketNameLength)
        {
            throw new ArgumentException($"The bucket name '{bucketName}' must be {OssLimits.MinBucketNameLength} to {OssLimits.MaxBucketNameLength} characters long.", paramName);
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

        // A lone surrogate would go out as U+FFFD: another object than the one the caller named.
        OssHeaderRules.EnsureWellFormed(objectKey, "The object key", paramName);
        int bytes = Encoding.UTF8.GetByteCount(objectKey);
        if (bytes > OssLimits.MaxObjectKeyBytes)
        {
            throw new ArgumentException($"The object key must be at most {OssLimits.MaxObjectKeyBytes} bytes of UTF-8; it has {bytes}.", paramName);
        }

        if (objectKey[0] is '/' or '\\')
        {
            throw new ArgumentException($"The object key '{objectKey}' must not start with '/' or '\\'.", paramName);
        }
    }

    public static void ValidateUploadId(string? uploadId, string paramName)
    {
        ArgumentException.ThrowIfNullOrEmpty(uploadId, paramName);
        OssHeaderRules.EnsureWellFormed(uploadId, "The upload id", paramName);
    }

    /// <summary>Throws unless a value that becomes a header is visible ASCII, spaces and tabs (<see cref="OssHeaderRules"/>).</summary>
    /// <param name="value">The value; null or empty passes (the header is not sent).</param>
    /// <param name="what">The property, for the message, for example <c>PutObjectRequest.ContentType</c>.</param>
    /// <param name="paramName">The caller's parameter.</param>
    public static void ValidateHeaderValue(string? value, string what, string paramName) => OssHeaderRules.EnsureFieldValue(value, what, paramName);

    public static void ValidatePartNumber(int partNumber, string paramName)
    {
        if (partNumber is < 1 or > OssLimits.MaxPartNumber)
        {
            throw new ArgumentOutOfRangeException(paramName, partNumber, $"The part number must be between 1 and {OssLimits.MaxPartNumber}.");
        }
    }

    public static void ValidateMetadata(IReadOnlyDictionary<string, string>? metadata, string paramName)
    {
        if (metadata is null)
        {
            return;
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (KeyValuePair<string, string> entry in metadata)
        {
            if (string.IsNullOrEmpty(entry.Key) || !IsMetadataName(entry.Key))
            {
                throw new ArgumentException($"The metadata name '{entry.Key}' must be non-empty and contain only ASCII letters, digits, '-' and '_'.", paramName);
            }

            if (!names.Add(entry.Key))
            {
                throw new ArgumentException($"The metadata name '{entry.Key}' is given twice; OSS lower-cases metadata names, so names differing only in case collide.", paramName);
            }

            if (entry.Value is null || !OssHeaderRules.IsFieldValue(entry.Value))
            {
                throw new ArgumentException($"The metadata value of '{entry.Key}' must be visible ASCII, spaces and tabs (encode other text yourself, for example as URL encoding); CR and LF would end the header.", paramName);
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

        // The callback travels base64-encoded, so it cannot break our headers; but OSS puts the URL and host on its
        // own request to the callback server, so control characters there are refused as they would be in a header.
        EnsureNoControlCharacters(callback.CallbackUrl, "OssUploadCallback.CallbackUrl", paramName);
        EnsureNoControlCharacters(callback.CallbackHost, "OssUploadCallback.CallbackHost", paramName);
        OssHeaderRules.EnsureWellFormed(callback.CallbackBody, "OssUploadCallback.CallbackBody", paramName);

        if (callback.CustomVariables is not null)
        {
            foreach ((string key, string value) in callback.CustomVariables)
            {
                if (!key.StartsWith("x:", StringComparison.Ordinal) || key.Length < 3 || !string.Equals(key, key.ToLowerInvariant(), StringComparison.Ordinal))
                {
                    throw new ArgumentException($"The callback variable '{key}' must start with 'x:' and be lower case.", paramName);
                }

                OssHeaderRules.EnsureWellFormed(key, "A callback variable name", paramName);
                OssHeaderRules.EnsureWellFormed(value, $"The callback variable '{key}'", paramName);
            }
        }
    }

    private static void EnsureNoControlCharacters(string? value, string what, string paramName)
    {
        if (value is null)
        {
            return;
        }

        foreach (char c in value)
        {
            if (char.IsControl(c))
            {
                throw new ArgumentException($"{what} must not contain control characters (found U+{(int)c:X4}).", paramName);
            }
        }

        OssHeaderRules.EnsureWellFormed(value, what, paramName);
    }

    /// <summary>Metadata names: the letters, digits, '-' and '_' OSS keeps (a strict subset of a header token).</summary>
    private static bool IsMetadataName(string value)
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
}
