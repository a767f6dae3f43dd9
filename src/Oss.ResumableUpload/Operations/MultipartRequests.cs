using System.Globalization;
using System.Security.Cryptography;
using Oss.ResumableUpload.Hashing;
using Oss.ResumableUpload.Protocol;
using Oss.ResumableUpload.Transport;

namespace Oss.ResumableUpload.Operations;

/// <summary>
/// Builds the multipart requests: each method checks its request the way the public method documents (naming the
/// parameter <c>request</c>) and returns the <see cref="OssOperation"/> to send. Nothing here touches the network, so
/// the method, resource, query and headers of each operation can be tested alone.
/// </summary>
internal static class MultipartRequests
{
    /// <summary><c>POST /key?uploads</c>.</summary>
    public static OssOperation Initiate(InitiateMultipartUploadRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Initiate(request.BucketName, request.ObjectKey, ObjectSettings.From(request));
    }

    /// <summary><c>POST /key?uploads</c> with the settings the object will be stored with; checked as <see cref="InitiateMultipartUploadRequest"/> is.</summary>
    public static OssOperation Initiate(string bucketName, string objectKey, ObjectSettings settings)
    {
        // Messages name the public request and its parameter, whichever way the settings came.
        const string ParamName = "request";
        OssRequestValidation.ValidateBucketName(bucketName, ParamName);
        OssRequestValidation.ValidateObjectKey(objectKey, ParamName);
        settings.Validate(nameof(InitiateMultipartUploadRequest), ParamName);

        var operation = new OssOperation("InitiateMultipartUpload", HttpMethod.Post, bucketName, objectKey)
            .AddQuery("uploads")
            .AddQuery("encoding-type", "url");
        operation.AddObjectSettings(settings);
        return operation;
    }

    /// <summary><c>PUT /key?partNumber=N&amp;uploadId=ID</c> with Content-MD5; the caller has checked the target and sets the body.</summary>
    public static OssOperation UploadPart(string bucketName, string objectKey, string uploadId, int partNumber, Md5Digest contentMd5, long? trafficLimit = null)
    {
        var operation = new OssOperation("UploadPart", HttpMethod.Put, bucketName, objectKey)
            .AddQuery("partNumber", partNumber.ToString(CultureInfo.InvariantCulture))
            .AddQuery("uploadId", uploadId);
        operation.PartNumber = partNumber;
        operation.Headers["Content-MD5"] = contentMd5.ToBase64();
        operation.AddTrafficLimit(trafficLimit);
        return operation;
    }

    /// <summary><c>GET /key?uploadId=ID</c>, one page.</summary>
    public static OssOperation ListParts(ListPartsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ValidateUploadTarget(request.BucketName, request.ObjectKey, request.UploadId);
        if (request.MaxParts is < 1 or > OssLimits.MaxListPageSize)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.MaxParts, $"ListPartsRequest.MaxParts must be between 1 and {OssLimits.MaxListPageSize}.");
        }

        if (request.PartNumberMarker is < 0 or > OssLimits.MaxPartNumber)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.PartNumberMarker, $"ListPartsRequest.PartNumberMarker must be between 0 and {OssLimits.MaxPartNumber}.");
        }

        var operation = new OssOperation("ListParts", HttpMethod.Get, request.BucketName, request.ObjectKey)
            .AddQuery("uploadId", request.UploadId)
            .AddQuery("encoding-type", "url");
        if (request.MaxParts is int maxParts)
        {
            operation.AddQuery("max-parts", maxParts.ToString(CultureInfo.InvariantCulture));
        }

        if (request.PartNumberMarker is int marker)
        {
            operation.AddQuery("part-number-marker", marker.ToString(CultureInfo.InvariantCulture));
        }

        return operation;
    }

    /// <summary><c>POST /key?uploadId=ID</c> with the part list (ascending) as XML, or <c>x-oss-complete-all</c>.</summary>
    public static OssOperation Complete(CompleteMultipartUploadRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ValidateUploadTarget(request.BucketName, request.ObjectKey, request.UploadId);
        ArgumentNullException.ThrowIfNull(request.Parts, nameof(request));
        OssRequestValidation.ValidateCallback(request.Callback, nameof(request));
        if (request.CompleteAll && request.Parts.Count > 0)
        {
            throw new ArgumentException("CompleteMultipartUploadRequest.Parts must be empty when CompleteAll is set.", nameof(request));
        }

        if (!request.CompleteAll && request.Parts.Count == 0)
        {
            throw new ArgumentException("CompleteMultipartUploadRequest.Parts must name at least one part.", nameof(request));
        }

        var sorted = new List<PartETag>(request.Parts);
        sorted.Sort(static (a, b) => a.PartNumber.CompareTo(b.PartNumber));
        for (int i = 0; i < sorted.Count; i++)
        {
            OssRequestValidation.ValidatePartNumber(sorted[i].PartNumber, nameof(request));
            ArgumentException.ThrowIfNullOrEmpty(sorted[i].ETag, nameof(request));
            if (i > 0 && sorted[i].PartNumber == sorted[i - 1].PartNumber)
            {
                throw new ArgumentException($"Part {sorted[i].PartNumber} is listed twice.", nameof(request));
            }
        }

        var operation = new OssOperation("CompleteMultipartUpload", HttpMethod.Post, request.BucketName, request.ObjectKey)
            .AddQuery("uploadId", request.UploadId)
            .AddQuery("encoding-type", "url");
        if (request.CompleteAll)
        {
            operation.Headers["x-oss-complete-all"] = "yes";
        }
        else
        {
            byte[] xml = OssXml.BuildCompleteMultipartUpload(sorted);
            operation.Body = new MemoryRequestBody(xml, isObjectData: false);
            operation.Headers["Content-Type"] = "application/xml";
            operation.Headers["Content-MD5"] = Convert.ToBase64String(MD5.HashData(xml));
        }

        operation.AddWriteConditions(request.ForbidOverwrite, request.Callback);
        return operation;
    }

    /// <summary><c>DELETE /key?uploadId=ID</c>.</summary>
    public static OssOperation Abort(AbortMultipartUploadRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ValidateUploadTarget(request.BucketName, request.ObjectKey, request.UploadId);
        return new OssOperation("AbortMultipartUpload", HttpMethod.Delete, request.BucketName, request.ObjectKey)
            .AddQuery("uploadId", request.UploadId);
    }

    /// <summary><c>GET /?uploads</c>, one page.</summary>
    public static OssOperation ListMultipartUploads(ListMultipartUploadsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        OssRequestValidation.ValidateBucketName(request.BucketName, nameof(request));
        if (request.MaxUploads is < 1 or > OssLimits.MaxListPageSize)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.MaxUploads, $"ListMultipartUploadsRequest.MaxUploads must be between 1 and {OssLimits.MaxListPageSize}.");
        }

        var operation = new OssOperation("ListMultipartUploads", HttpMethod.Get, request.BucketName, null)
            .AddQuery("uploads")
            .AddQuery("encoding-type", "url");
        AddQueryIfSet(operation, "prefix", request.Prefix);
        AddQueryIfSet(operation, "key-marker", request.KeyMarker);
        AddQueryIfSet(operation, "upload-id-marker", request.UploadIdMarker);
        if (request.MaxUploads is int maxUploads)
        {
            operation.AddQuery("max-uploads", maxUploads.ToString(CultureInfo.InvariantCulture));
        }

        return operation;
    }

    /// <summary>Checks the bucket, key and upload id of an operation on an upload, naming each parameter.</summary>
    public static void ValidateUploadTarget(string bucketName, string objectKey, string uploadId)
    {
        OssRequestValidation.ValidateBucketName(bucketName, nameof(bucketName));
        OssRequestValidation.ValidateObjectKey(objectKey, nameof(objectKey));
        OssRequestValidation.ValidateUploadId(uploadId, nameof(uploadId));
    }

    private static void AddQueryIfSet(OssOperation operation, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            operation.AddQuery(name, value);
        }
    }
}
