using Oss.ResumableUpload.Hashing;
using Oss.ResumableUpload.Protocol;
using Oss.ResumableUpload.Transport;

namespace Oss.ResumableUpload.Operations;

/// <summary>Builds the single-request object operations, PutObject and HeadObject, without touching the network.</summary>
internal static class ObjectRequests
{
    /// <summary><c>PUT /key</c> with Content-MD5; the caller has checked the request and sets the body.</summary>
    public static OssOperation PutObject(
        string bucketName,
        string objectKey,
        Md5Digest contentMd5,
        ObjectSettings settings,
        OssUploadCallback? callback,
        long? trafficLimit)
    {
        var operation = new OssOperation("PutObject", HttpMethod.Put, bucketName, objectKey);
        operation.Headers["Content-MD5"] = contentMd5.ToBase64();
        operation.AddObjectSettings(settings with { ContentType = settings.ContentType is { Length: > 0 } type ? type : ContentTypes.Default });
        operation.AddWriteConditions(forbidOverwrite: false, callback);
        operation.AddTrafficLimit(trafficLimit);
        return operation;
    }

    /// <summary><c>HEAD /key</c>.</summary>
    public static OssOperation HeadObject(HeadObjectRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        OssRequestValidation.ValidateBucketName(request.BucketName, nameof(request));
        OssRequestValidation.ValidateObjectKey(request.ObjectKey, nameof(request));
        return new OssOperation("HeadObject", HttpMethod.Head, request.BucketName, request.ObjectKey);
    }
}
