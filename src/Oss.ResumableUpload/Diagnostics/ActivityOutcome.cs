using System.Diagnostics;
using System.Globalization;

namespace Oss.ResumableUpload.Diagnostics;

/// <summary>
/// How a span ends when its work throws: a cancel is not an error (status Unset, <c>oss.cancelled</c> true); any
/// other failure sets status Error with the <c>error.type</c> as description, the <c>error.type</c> tag, and one
/// <c>exception</c> event (<c>exception.type</c>, <c>exception.message</c>).
/// </summary>
/// <remarks>
/// <c>exception.message</c> is a summary the library writes (status, OSS code, request id), not
/// <see cref="Exception.Message"/>: the library's messages name the bucket and object key, which no tag may carry, and
/// other exceptions' messages may name local paths. There is no stack trace either; the log has the exception.
/// </remarks>
internal static class ActivityOutcome
{
    public const string CancelledTag = "oss.cancelled";
    public const string ErrorTypeTag = "error.type";

    /// <summary>Marks <paramref name="activity"/> as cancelled or failed; <paramref name="cancelled"/> is the caller's view.</summary>
    public static void Fail(Activity activity, Exception exception, bool cancelled)
    {
        if (cancelled)
        {
            activity.SetTag(CancelledTag, true);
            return;
        }

        string errorType = ErrorTypes.Of(exception);
        activity.SetTag(ErrorTypeTag, errorType);
        activity.SetStatus(ActivityStatusCode.Error, errorType);
        activity.AddEvent(new ActivityEvent("exception", tags: new ActivityTagsCollection
        {
            { "exception.type", exception.GetType().FullName },
            { "exception.message", Summarize(exception, errorType) },
        }));
    }

    /// <summary>True when <paramref name="exception"/> is the cancel of <paramref name="cancellationToken"/>, not a failure.</summary>
    public static bool IsCancel(Exception exception, CancellationToken cancellationToken)
        => exception is OperationCanceledException && cancellationToken.IsCancellationRequested;

    private static string Summarize(Exception exception, string errorType) => exception switch
    {
        OssServiceException service => string.Create(CultureInfo.InvariantCulture, $"{service.StatusCode} {errorType}, RequestId {service.RequestId ?? "none"}"),
        OssClientException client when client.InnerException is { } inner => errorType + " (" + inner.GetType().Name + ")",
        _ => errorType,
    };
}
