namespace Oss.ResumableUpload.Testing;

/// <summary>Tells which OSS operation a request is, from its method, target and query.</summary>
internal static class OperationClassifier
{
    public static OssOperationKind Classify(string method, OssRequestTarget target)
    {
        if (target.Bucket is null)
        {
            return OssOperationKind.Unknown;
        }

        if (target.Key is null)
        {
            return method switch
            {
                "PUT" when target.Query.Count == 0 || OnlyUnsignedExtras(target) => OssOperationKind.PutBucket,
                "GET" when target.Has("uploads") => OssOperationKind.ListMultipartUploads,
                _ => OssOperationKind.Unknown,
            };
        }

        bool uploadId = target.Has("uploadId");
        return method switch
        {
            "PUT" when target.Has("partNumber") || uploadId => OssOperationKind.UploadPart,
            "PUT" when IsPlainObjectRequest(target) => OssOperationKind.PutObject,
            "GET" when uploadId => OssOperationKind.ListParts,
            "GET" when IsPlainObjectRequest(target) => OssOperationKind.GetObject,
            "HEAD" when IsPlainObjectRequest(target) => OssOperationKind.HeadObject,
            "DELETE" when uploadId => OssOperationKind.AbortMultipartUpload,
            "DELETE" when IsPlainObjectRequest(target) => OssOperationKind.DeleteObject,
            "POST" when target.Has("uploads") => OssOperationKind.InitiateMultipartUpload,
            "POST" when uploadId => OssOperationKind.CompleteMultipartUpload,
            _ => OssOperationKind.Unknown,
        };
    }

    /// <summary>True when the query names no sub-resource the server does not implement (acl, tagging, append, ...).</summary>
    private static bool IsPlainObjectRequest(OssRequestTarget target)
    {
        foreach (KeyValuePair<string, string> parameter in target.Query)
        {
            if (V1Signature.IsSubResource(parameter.Key) && !IsHarmlessSigned(parameter.Key))
            {
                return false;
            }
        }

        return true;
    }

    private static bool OnlyUnsignedExtras(OssRequestTarget target) => IsPlainObjectRequest(target);

    private static bool IsHarmlessSigned(string name)
        => name.StartsWith("x-oss-", StringComparison.Ordinal)
           || name.StartsWith("response-", StringComparison.Ordinal)
           || name is "security-token" or "callback" or "callback-var" or "versionId";
}
