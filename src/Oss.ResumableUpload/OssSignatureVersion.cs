namespace Oss.ResumableUpload;

/// <summary>The request signature algorithm.</summary>
public enum OssSignatureVersion
{
    /// <summary>Signature V1 (<c>OSS AccessKeyId:Signature</c>, HMAC-SHA1). Kept for older deployments.</summary>
    V1,

    /// <summary>Signature V4 (<c>OSS4-HMAC-SHA256</c>), the default. Requires a region.</summary>
    V4,
}
