using System.Text;
using Oss.ResumableUpload.Protocol;
using Oss.ResumableUpload.Signing;
using Oss.ResumableUpload.Transport;

namespace Oss.ResumableUpload.Presigning;

/// <summary>Validates a <see cref="GeneratePresignedUriRequest"/> and turns it into a signed URL; no network call.</summary>
internal static class PresignedUriBuilder
{
    /// <summary>The longest V4 presigned URL lifetime OSS accepts (<c>x-oss-expires</c>): 7 days.</summary>
    public static readonly TimeSpan MaxV4Expires = TimeSpan.FromSeconds(604_800);

    /// <summary>Checks everything that does not depend on the credentials or the clock.</summary>
    public static void Validate(GeneratePresignedUriRequest request, OssSignatureVersion version, string paramName)
    {
        ArgumentNullException.ThrowIfNull(request, paramName);
        OssRequestValidation.ValidateBucketName(request.BucketName, paramName);
        OssRequestValidation.ValidateObjectKey(request.ObjectKey, paramName);
        OssRequestValidation.ValidateHeaderValue(request.ContentType, "GeneratePresignedUriRequest.ContentType", paramName);
        if (request.Method is null || (request.Method != HttpMethod.Get && request.Method != HttpMethod.Put))
        {
            throw new ArgumentException($"GeneratePresignedUriRequest.Method must be GET or PUT; got '{request.Method}'.", paramName);
        }

        if (request.Expires < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(paramName, request.Expires, "GeneratePresignedUriRequest.Expires must be at least one second.");
        }

        if (version == OssSignatureVersion.V4 && request.Expires > MaxV4Expires)
        {
            throw new ArgumentOutOfRangeException(paramName, request.Expires, "GeneratePresignedUriRequest.Expires must be at most 7 days (604800 s) with Signature V4.");
        }

        if ((request.UploadId is null) != (request.PartNumber is null))
        {
            throw new ArgumentException("GeneratePresignedUriRequest.UploadId and PartNumber must be set together (a presigned UploadPart URL) or not at all.", paramName);
        }

        if (request.PartNumber is int partNumber)
        {
            if (request.Method != HttpMethod.Put)
            {
                throw new ArgumentException("GeneratePresignedUriRequest.UploadId and PartNumber need Method PUT (UploadPart).", paramName);
            }

            OssRequestValidation.ValidateUploadId(request.UploadId, paramName);
            OssRequestValidation.ValidatePartNumber(partNumber, paramName);
        }
    }

    /// <summary>Signs a request that <see cref="Validate"/> accepted.</summary>
    public static Uri Build(ResolvedClientOptions settings, GeneratePresignedUriRequest request, OssCredentials credentials, DateTimeOffset signingTime, string paramName)
    {
        var query = new List<KeyValuePair<string, string>>(2);
        if (request.PartNumber is int partNumber)
        {
            query.Add(new("partNumber", partNumber.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            query.Add(new("uploadId", request.UploadId!));
        }

        Dictionary<string, string> headers = SigningInput.CreateHeaders();
        if (!string.IsNullOrEmpty(request.ContentType))
        {
            headers["Content-Type"] = request.ContentType;
        }

        var input = new SigningInput
        {
            Method = request.Method.Method,
            Bucket = request.BucketName,
            Key = request.ObjectKey,
            Query = query,
            Headers = headers,
        };

        List<KeyValuePair<string, string>> signed;
        if (settings.Options.SignatureVersion == OssSignatureVersion.V4)
        {
            TimeSpan whole = TimeSpan.FromSeconds(Math.Floor(request.Expires.TotalSeconds));
            signed = OssV4Signer.Presign(input, credentials, signingTime, whole, settings.Region!);
        }
        else
        {
            if (request.Expires > DateTimeOffset.MaxValue - signingTime)
            {
                throw new ArgumentOutOfRangeException(paramName, request.Expires, "GeneratePresignedUriRequest.Expires is too far in the future.");
            }

            signed = OssV1Signer.Presign(input, credentials, (signingTime + request.Expires).ToUnixTimeSeconds());
        }

        return Compose(settings, request.BucketName, request.ObjectKey, signed);
    }

    /// <summary>The URL of an object with decoded query parameters, encoded as OSS signs them.</summary>
    public static Uri Compose(ResolvedClientOptions settings, string bucket, string key, IReadOnlyList<KeyValuePair<string, string>> query)
    {
        var sb = new StringBuilder(256);
        foreach (KeyValuePair<string, string> parameter in query)
        {
            if (sb.Length > 0)
            {
                sb.Append('&');
            }

            sb.Append(OssUriEncoder.EscapeQuery(parameter.Key));
            if (parameter.Value.Length > 0)
            {
                sb.Append('=').Append(OssUriEncoder.EscapeQuery(parameter.Value));
            }
        }

        return settings.BuildUri(bucket, OssUriEncoder.EscapePath(key), sb.ToString());
    }
}
