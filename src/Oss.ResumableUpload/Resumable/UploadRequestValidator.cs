using System.Globalization;
using Oss.ResumableUpload.Protocol;

namespace Oss.ResumableUpload.Resumable;

/// <summary>Checks a <see cref="ResumableUploadRequest"/> before any request is sent.</summary>
internal static class UploadRequestValidator
{
    public const int MaxConcurrencyLimit = 64;

    /// <summary>The largest <see cref="ResumableUploadRequest.AdaptiveMemoryLimit"/>, 16 GiB: more is likely a unit mistake.</summary>
    public const long MaxAdaptiveMemoryLimit = 16L * 1024 * 1024 * 1024;

    public static void Validate(ResumableUploadRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        OssRequestValidation.ValidateBucketName(request.BucketName, nameof(request));
        OssRequestValidation.ValidateObjectKey(request.ObjectKey, nameof(request));
        ValidateSourceChoice(request);

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

        if (request.AdaptiveMemoryLimit is < 1 or > MaxAdaptiveMemoryLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.AdaptiveMemoryLimit, "ResumableUploadRequest.AdaptiveMemoryLimit must be between 1 byte and 16 GiB (17179869184).");
        }

                if (!Enum.IsDefined(request.CancelBehavior))
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.CancelBehavior, "ResumableUploadRequest.CancelBehavior is not a defined value.");
        }

        if (request.CheckpointStore is null && request.CheckpointDirectory is not null && string.IsNullOrWhiteSpace(request.CheckpointDirectory))
        {
            throw new ArgumentException("ResumableUploadRequest.CheckpointDirectory must be null or a directory path.", nameof(request));
        }

        ObjectSettings.From(request).Validate(nameof(ResumableUploadRequest), nameof(request));
        ObjectSettings.ValidateTrafficLimit(request.TrafficLimit, nameof(ResumableUploadRequest), nameof(request));
        OssRequestValidation.ValidateCallback(request.Callback, nameof(request));

        // Last, and without opening it: opening a FIFO for reading blocks until a writer comes, past any token.
        if (request.UploadFilePath is not null)
        {
            EnsureRegularFile(request.UploadFilePath, nameof(request));
        }
    }

    /// <summary>Exactly one of UploadFilePath and UploadStream; a stream that can be read; the rules of each stream kind.</summary>
    private static void ValidateSourceChoice(ResumableUploadRequest request)
    {
        if (request.UploadStream is null)
        {
            if (request.UploadFilePath is null)
            {
                throw new ArgumentException("Set ResumableUploadRequest.UploadFilePath or UploadStream: the upload has no source.", nameof(request));
            }

            if (request.UploadFilePath.Length == 0)
            {
                throw new ArgumentException("ResumableUploadRequest.UploadFilePath must name a local file.", nameof(request));
            }

            if (request.UploadStreamIdentity is not null)
            {
                throw new ArgumentException("ResumableUploadRequest.UploadStreamIdentity names a stream's content; it needs UploadStream.", nameof(request));
            }

            return;
        }

        if (request.UploadFilePath is not null)
        {
            throw new ArgumentException("Set only one of ResumableUploadRequest.UploadFilePath and UploadStream.", nameof(request));
        }

        if (!request.UploadStream.CanRead)
        {
            throw new ArgumentException("ResumableUploadRequest.UploadStream must be readable.", nameof(request));
        }

        bool seekable = SeekableStreamSource.IsSeekableWithLength(request.UploadStream);
        if (request.UploadStreamIdentity is { Length: 0 })
        {
            throw new ArgumentException("ResumableUploadRequest.UploadStreamIdentity must be null or name the stream's content.", nameof(request));
        }

        if (!seekable && request.CancelBehavior == UploadCancelBehavior.KeepForResume)
        {
            throw new ArgumentException(
                "ResumableUploadRequest.CancelBehavior cannot be KeepForResume with a non-seekable UploadStream: its bytes cannot be read again, so nothing could resume the upload.",
                nameof(request));
        }
    }

    /// <summary>Throws unless <paramref name="path"/> is a regular file or a symbolic link to one.</summary>
    /// <exception cref="FileNotFoundException">Nothing is at the path.</exception>
    /// <exception cref="ArgumentException">The path is a directory, a FIFO, a socket or a device.</exception>
    public static void EnsureRegularFile(string path, string paramName)
    {
        switch (LocalFileProbe.Probe(path))
        {
            case LocalFileKind.Missing:
                throw new FileNotFoundException($"The file to upload, '{path}', does not exist.", path);
            case LocalFileKind.Directory:
                throw new ArgumentException($"The file to upload, '{path}', is a directory; name a file in it.", paramName);
            case LocalFileKind.Other:
                throw new ArgumentException(NotRegularMessage(path), paramName);
        }
    }

    public static string NotRegularMessage(string path)
        => $"The file to upload, '{path}', is not a regular file (a FIFO, socket or device has no fixed size to split into parts, and reading it may block).";
}
