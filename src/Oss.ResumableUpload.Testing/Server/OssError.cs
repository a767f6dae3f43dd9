using System.Globalization;

namespace Oss.ResumableUpload.Testing;

/// <summary>An OSS error reply: status, Code, Message, EC and the code-specific extra elements.</summary>
internal sealed class OssError(int statusCode, string code, string message, string ec = OssError.UnknownEc)
{
    /// <summary>The EC sent when no public source documents one for the situation.</summary>
    public const string UnknownEc = "0000-00000000";

    public int StatusCode { get; } = statusCode;

    public string Code { get; } = code;

    public string Message { get; } = message;

    public string Ec { get; } = ec;

    /// <summary>Extra elements after EC, in order (for example StringToSign, UploadId, PartNumber).</summary>
    public List<KeyValuePair<string, string>> Details { get; } = [];

    public OssError With(string element, string value)
    {
        Details.Add(new(element, value));
        return this;
    }

    public OssErrorException ToException() => new(this);

    public static OssError NoSuchBucket(string bucket)
        => new OssError(404, "NoSuchBucket", "The specified bucket does not exist.").With("BucketName", bucket);

    public static OssError NoSuchKey(string key)
        => new OssError(404, "NoSuchKey", "The specified key does not exist.").With("Key", key);

    public static OssError NoSuchUpload(string uploadId)
        => new OssError(404, "NoSuchUpload", "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.", "0017-00000244").With("UploadId", uploadId);

    public static OssError InvalidArgument(string message, string? name = null, string? value = null, string ec = UnknownEc)
    {
        var error = new OssError(400, "InvalidArgument", message, ec);
        if (name is not null)
        {
            error.With("ArgumentName", name).With("ArgumentValue", value ?? string.Empty);
        }

        return error;
    }

    public static OssError InvalidPartNumber(string? value)
        => InvalidArgument("Part number must be an integer between 1 and 10000, inclusive.", "partNumber", value, "0017-00000220");

    public static OssError InvalidDigest(string? provided, string? calculated)
    {
        var error = new OssError(400, "InvalidDigest", "The Content-MD5 you specified is not valid.");
        error.With("Content_MD5", provided ?? string.Empty);
        if (calculated is not null)
        {
            error.With("Calculated_Content_MD5", calculated);
        }

        return error;
    }

    public static OssError InvalidPart(string uploadId, int partNumber, string etag)
        => new OssError(400, "InvalidPart", "One or more of the specified parts could not be found or the specified entity tag might not have matched the part's entity tag.")
            .With("UploadId", uploadId).With("PartNumber", partNumber.ToString(CultureInfo.InvariantCulture)).With("ETag", etag);

    public static OssError InvalidPartOrder()
        => new(400, "InvalidPartOrder", "The list of parts was not in ascending order. Parts list must specified in order by part number.", "0042-00000209");

    public static OssError EntityTooSmall(int partNumber, long size, long minimum)
        => new OssError(400, "EntityTooSmall", "Your proposed upload smaller than the minimum allowed size.", "0042-00000213")
            .With("PartNumber", partNumber.ToString(CultureInfo.InvariantCulture))
            .With("ProposedSize", size.ToString(CultureInfo.InvariantCulture))
            .With("MinSizeAllowed", minimum.ToString(CultureInfo.InvariantCulture));

    public const string EntityTooLargeCode = "EntityTooLarge";

    public static OssError EntityTooLarge(long size, long maximum)
        => new OssError(400, EntityTooLargeCode, "Your proposed upload exceeds the maximum allowed size.")
            .With("ProposedSize", size.ToString(CultureInfo.InvariantCulture))
            .With("MaxSizeAllowed", maximum.ToString(CultureInfo.InvariantCulture));

    public const string RequestTimeoutCode = "RequestTimeout";

    public static OssError RequestTimeout()
        => new(400, RequestTimeoutCode, "Your socket connection to the server was not read from or written to within the timeout period.");

    public static OssError MalformedXml(string detail)
        => new(400, "MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema. " + detail);

    public static OssError FileAlreadyExists()
        => new(409, "FileAlreadyExists", "The object you specified already exists and can not be overwritten.");

    public static OssError InvalidObjectName(string key)
        => new OssError(400, "InvalidObjectName", "The specified object is not valid.").With("ObjectName", key);

    public static OssError InvalidBucketName(string bucket)
        => new OssError(400, "InvalidBucketName", "The specified bucket is not valid.").With("BucketName", bucket);

    public static OssError InvalidRange(long size)
        => new OssError(416, "InvalidRange", "The requested range cannot be satisfied.").With("ActualObjectSize", size.ToString(CultureInfo.InvariantCulture));

    public static OssError NotImplemented(string message)
        => new(501, "NotImplemented", message);

    public static OssError AccessDenied(string message)
        => new(403, "AccessDenied", message);

    public static OssError InvalidAccessKeyId(string accessKeyId)
        => new OssError(403, "InvalidAccessKeyId", "The OSS Access Key Id you provided does not exist in our records.").With("OSSAccessKeyId", accessKeyId);

    public static OssError InvalidSecurityToken()
        => new(403, "InvalidSecurityToken", "The security token you provided is invalid.");

    public static OssError SecurityTokenExpired()
        => new(403, "SecurityTokenExpired", "The security token you provided has expired.", "0002-00000007");

    public static OssError RequestTimeTooSkewed(DateTimeOffset requestTime, DateTimeOffset serverTime, TimeSpan maxSkew)
        => new OssError(403, "RequestTimeTooSkewed", "The difference between the request time and the current time is too large.")
            .With("RequestTime", requestTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture))
            .With("ServerTime", serverTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture))
            .With("MaxAllowedSkewMilliseconds", ((long)maxSkew.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));

    public static OssError CallbackFailed(string message)
        => new(203, "CallbackFailed", message, "0007-00000203");

    public static OssError InternalError()
        => new(500, "InternalError", "We encountered an internal error. Please try again.");
}

/// <summary>Carries an <see cref="OssError"/> out of an operation handler to the reply writer.</summary>
internal sealed class OssErrorException(OssError error) : Exception(error.Code + ": " + error.Message)
{
    public OssError Error { get; } = error;
}
