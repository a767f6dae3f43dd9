using System.Globalization;
using Oss.ResumableUpload.Protocol;

namespace Oss.ResumableUpload.Resumable;

/// <summary>Checks a <see cref="ResumableUploadRequest"/> before any request is sent.</summary>
internal static class UploadRequestValidator
{
    public const int MaxConcurrencyLimit = 64;

    public static void Validate(ResumableUploadRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        OssRequestValidation.ValidateBucketName(request.BucketName, nameof(request));
        OssRequestValidation.ValidateObjectKey(request.ObjectKey, nameof(request));
        if (string.IsNullOrEmpty(request.UploadFilePath))
        {
            throw new ArgumentException("ResumableUploadRequest.UploadFilePath must name a local file.", nameof(request));
        }

        if (request.PartSize is < ResumableUploadRequest.MinPartSize or > ResumableUploadRequest.MaxPartSize)
        {
            throw new ArgumentOutOfRangeException(
                nameof(request),
                request.PartSize,
                string.Create(CultureInfo.InvariantCulture, $"ResumableUploadRequest.PartSize must be between {ResumableUploadRequest.MinPartSize} (100 KiB) and {ResumableUploadRequest.MaxPartSize} (5 GiB)."));
        }

        if (request.MaxConcurrency is < 1 or > MaxConcurrencyLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.MaxConcurrency, "ResumableUploadRequest.MaxConcurrency must be between 1 and 64.");
        }

        if (!Enum.IsDefined(request.CancelBehavior))
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.CancelBehavior, "ResumableUploadRequest.CancelBehavior is not a defined value.");
        }

        if (request.CheckpointStore is null && request.CheckpointDirectory is not null && string.IsNullOrWhiteSpace(request.CheckpointDirectory))
        {
            throw new ArgumentException("ResumableUploadRequest.CheckpointDirectory must be null or a directory path.", nameof(request));
        }

        OssRequestValidation.ValidateHeaderValue(request.ContentType, "ResumableUploadRequest.ContentType", nameof(request));
        OssRequestValidation.ValidateMetadata(request.Metadata, nameof(request));
        OssRequestValidation.ValidateCallback(request.Callback, nameof(request));

        if (!File.Exists(request.UploadFilePath))
        {
            throw new FileNotFoundException($"The file to upload, '{request.UploadFilePath}', does not exist.", request.UploadFilePath);
        }
    }
}
