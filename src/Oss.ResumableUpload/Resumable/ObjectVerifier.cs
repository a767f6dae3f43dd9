using System.Globalization;
using Microsoft.Extensions.Logging;
using Oss.ResumableUpload.Diagnostics;

namespace Oss.ResumableUpload.Resumable;

/// <summary>
/// Checks a stored object's CRC-64 against the CRC-64 of the local bytes. The CRC-64 the write returned is used when
/// there is one; when the write's reply carried none, HeadObject is asked. A server that reports no CRC-64 at all
/// cannot be checked: the result then says so (<see cref="ResumableUploadResult.IsCrc64Verified"/> is false) and a
/// warning is logged. A CRC-64 that differs is <see cref="OssClientErrorCode.ChecksumMismatch"/>.
/// </summary>
internal sealed class ObjectVerifier(IMultipartOperations operations, ILogger logger)
{
    /// <returns>The verified CRC-64, or null when the server reported none.</returns>
    public async Task<ulong?> VerifyAsync(string bucketName, string objectKey, string? uploadId, ulong expectedCrc, ulong? reportedCrc, string? requestId, CancellationToken cancellationToken)
    {
        ulong? serverCrc = reportedCrc;
        if (serverCrc is null)
        {
            try
            {
                HeadObjectResult? head = await operations.HeadObjectAsync(bucketName, objectKey, cancellationToken).ConfigureAwait(false);
                serverCrc = head?.HashCrc64Ecma;
                requestId = head?.RequestId ?? requestId;
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not OssClientException { ErrorCode: OssClientErrorCode.InvalidResponse })
            {
                // The write succeeded; failing the call on a network fault would hide a stored object, so it is
                // reported as unverified. A reply that breaks the protocol is an error, as everywhere else.
                Log.VerificationHeadFailed(logger, bucketName, objectKey, ex);
            }
        }

        if (serverCrc is not ulong crc)
        {
            Log.ObjectNotVerified(logger, bucketName, objectKey);
            return null;
        }

        if (crc != expectedCrc)
        {
            string what = uploadId is null ? string.Empty : $" (upload {uploadId})";
            throw new OssClientException(
                OssClientErrorCode.ChecksumMismatch,
                string.Create(CultureInfo.InvariantCulture, $"The server stored oss://{bucketName}/{objectKey}{what} with CRC-64 {crc}, but the local bytes' CRC-64 is {expectedCrc} (RequestId {requestId})."));
        }

        return crc;
    }
}
