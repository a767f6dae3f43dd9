using System.Diagnostics;

namespace Oss.ResumableUpload.Diagnostics;

/// <summary>
/// The engine's spans and measurements, so that the engine's files only call in: the <c>ResumableUpload</c> span and
/// <c>oss.upload.duration</c>, <c>oss.upload.resumed</c>, the <c>ResumableUpload.Part</c> spans and
/// <c>oss.upload.parts</c>, and <c>oss.checkpoint.saves</c>. Spans carry the bucket, upload id and part numbers, never
/// the object key; metrics carry none of them. With nobody listening, each call is a null check or an
/// <see cref="System.Diagnostics.Metrics.Instrument.Enabled"/> read and allocates nothing.
/// </summary>
internal static class UploadTelemetry
{
    public const string UploadActivityName = "ResumableUpload";
    public const string PartActivityName = "ResumableUpload.Part";

    /// <summary>The outcome attribute of <c>oss.checkpoint.saves</c>: <c>saved</c> or <c>failed</c>.</summary>
    public const string OutcomeTag = "oss.outcome";

    public static Activity? StartUpload(string bucketName)
    {
        Activity? activity = OssActivitySource.Source.StartActivity(UploadActivityName);
        activity?.SetTag("oss.bucket", bucketName);
        return activity;
    }

    public static void UploadCompleted(Activity? activity, ResumableUploadResult result, TimeProvider time, long started)
    {
        if (activity is not null)
        {
            activity.SetTag("oss.upload.id", result.UploadId);
            activity.SetTag("oss.upload.resumed", result.Resumed);
            activity.SetTag("oss.upload.resumed_bytes", result.ResumedBytes);
            activity.SetTag("oss.upload.size", result.ContentLength);
        }

        if (OssMetrics.UploadDuration.Enabled)
        {
            OssMetrics.UploadDuration.Record(time.GetElapsedTime(started).TotalSeconds);
        }
    }

    public static void UploadFailed(Activity? activity, Exception exception, bool cancelled, TimeProvider time, long started)
    {
        if (activity is not null)
        {
            ActivityOutcome.Fail(activity, exception, cancelled);
        }

        if (OssMetrics.UploadDuration.Enabled)
        {
            OssMetrics.UploadDuration.Record(time.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>(ActivityOutcome.ErrorTypeTag, ErrorTypes.Of(exception)));
        }
    }

    /// <summary>A multipart upload goes on from a checkpoint.</summary>
    public static void UploadResumed() => OssMetrics.UploadsResumed.Add(1);

    public static Activity? StartPart(string uploadId, int partNumber, long partSize)
    {
        Activity? activity = OssActivitySource.Source.StartActivity(PartActivityName);
        if (activity is not null)
        {
            activity.SetTag("oss.upload.id", uploadId);
            activity.SetTag("oss.part.number", partNumber);
            activity.SetTag("oss.part.size", partSize);
        }

        return activity;
    }

    /// <summary>The part is on the server and its checksums matched.</summary>
    public static void PartUploaded() => OssMetrics.PartsUploaded.Add(1);

    /// <summary>
    /// Marks the part's span; meant as an exception filter (<c>catch (Exception ex) when (UploadTelemetry.PartFailed(...))</c>)
    /// so the exception flows on untouched, and so it returns false.
    /// </summary>
    public static bool PartFailed(Activity? activity, Exception exception, CancellationToken cancellationToken)
    {
        if (activity is not null)
        {
            ActivityOutcome.Fail(activity, exception, ActivityOutcome.IsCancel(exception, cancellationToken));
        }

        return false;
    }

    public static void CheckpointSaved()
    {
        if (OssMetrics.CheckpointSaves.Enabled)
        {
            OssMetrics.CheckpointSaves.Add(1, new KeyValuePair<string, object?>(OutcomeTag, "saved"));
        }
    }

    public static void CheckpointSaveFailed(Exception exception)
    {
        if (OssMetrics.CheckpointSaves.Enabled)
        {
            OssMetrics.CheckpointSaves.Add(1, new KeyValuePair<string, object?>(OutcomeTag, "failed"), new KeyValuePair<string, object?>(ActivityOutcome.ErrorTypeTag, ErrorTypes.Of(exception)));
        }
    }
}
