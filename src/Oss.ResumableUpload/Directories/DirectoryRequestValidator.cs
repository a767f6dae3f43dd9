using System.Globalization;
using Oss.ResumableUpload.Protocol;
using Oss.ResumableUpload.Resumable;

namespace Oss.ResumableUpload.Directories;

/// <summary>Checks an <see cref="UploadDirectoryRequest"/> before the tree is walked or any request is sent.</summary>
internal static class DirectoryRequestValidator
{
    private const string Owner = nameof(UploadDirectoryRequest);

    public static void Validate(UploadDirectoryRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.LocalDirectory))
        {
            throw new ArgumentException("UploadDirectoryRequest.LocalDirectory must name a local directory.", nameof(request));
        }

        OssRequestValidation.ValidateBucketName(request.BucketName, nameof(request));
        if (request.KeyPrefix is null)
        {
            throw new ArgumentException("UploadDirectoryRequest.KeyPrefix must not be null; use \"\" for none.", nameof(request));
        }

        if (request.KeyPrefix.Length > 0)
        {
            // Every key starts with the prefix: what makes a key invalid at its start or in its length shows here.
            OssRequestValidation.ValidateObjectKey(request.KeyPrefix, nameof(request));
        }

        if (request.PartSize is < ResumableUploadRequest.MinPartSize or > ResumableUploadRequest.MaxPartSize)
        {
            throw new ArgumentOutOfRangeException(
                nameof(request),
                request.PartSize,
                string.Create(CultureInfo.InvariantCulture, $"UploadDirectoryRequest.PartSize must be between {ResumableUploadRequest.MinPartSize} (100 KiB) and {ResumableUploadRequest.MaxPartSize} (5 GiB)."));
        }

        if (request.MaxConcurrency is < 1 or > UploadRequestValidator.MaxConcurrencyLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.MaxConcurrency, "UploadDirectoryRequest.MaxConcurrency must be between 1 and 64.");
        }

        if (request.CancelBehavior is UploadCancelBehavior behavior && !Enum.IsDefined(behavior))
        {
            throw new ArgumentOutOfRangeException(nameof(request), behavior, "UploadDirectoryRequest.CancelBehavior is not a defined value.");
        }

        if (request.CheckpointDirectory is not null && string.IsNullOrWhiteSpace(request.CheckpointDirectory))
        {
            throw new ArgumentException("UploadDirectoryRequest.CheckpointDirectory must be null or a directory path.", nameof(request));
        }

        ValidatePatterns(request.Include, "Include");
        ValidatePatterns(request.Exclude, "Exclude");
        ObjectSettings.From(request).Validate(Owner, nameof(request));
        ObjectSettings.ValidateTrafficLimit(request.TrafficLimit, Owner, nameof(request));
    }

    private static void ValidatePatterns(IReadOnlyList<string>? patterns, string name)
    {
        if (patterns is null)
        {
            return;
        }

        foreach (string pattern in patterns)
        {
            if (string.IsNullOrWhiteSpace(pattern))
            {
                throw new ArgumentException($"UploadDirectoryRequest.{name} has an empty pattern.", "request");
            }
        }
    }
}
