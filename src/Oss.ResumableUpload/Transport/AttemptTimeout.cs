using System.Globalization;
using Polly.Timeout;

namespace Oss.ResumableUpload.Transport;

/// <summary>
/// Tells a timeout from the caller's cancel. Only the caller's own token produces <see cref="OperationCanceledException"/>;
/// every other way an attempt runs out of time becomes a <see cref="TimeoutException"/>, which the retry policy retries
/// (<see cref="TransientClassifier"/>) and which, after the last attempt, surfaces as
/// <see cref="OssClientErrorCode.RequestTimeout"/>.
/// </summary>
/// <remarks>
/// | Seen while the caller's token is not cancelled | Cause |
/// |---|---|
/// | <see cref="OperationCanceledException"/>, the attempt's own timeout elapsed | <see cref="OssClientOptions.RequestTimeout"/> |
/// | <see cref="TimeoutRejectedException"/> | a Polly timeout among the caller's handlers (the standard resilience handler's attempt or total timeout) |
/// | <see cref="OperationCanceledException"/> with a <see cref="TimeoutException"/> inside | <see cref="HttpClient.Timeout"/> |
/// | any other <see cref="OperationCanceledException"/> | a handler that cancelled the request with a token of its own |
///
/// Polly's <see cref="TimeoutRejectedException"/> is matched directly: it is defined in Polly.Core, which the library
/// depends on anyway, so no reference to Microsoft.Extensions.Http.Resilience is needed.
/// </remarks>
internal static class AttemptTimeout
{
    /// <summary>True when <paramref name="exception"/> ended an attempt by timing out, rather than by the caller's cancel.</summary>
    /// <param name="exception">What the attempt threw.</param>
    /// <param name="callerToken">The token the caller gave; when it is cancelled, nothing is a timeout.</param>
    public static bool IsTimeout(Exception exception, CancellationToken callerToken)
        => !callerToken.IsCancellationRequested && exception is OperationCanceledException or TimeoutRejectedException;

    /// <summary>The retryable error for an attempt that <see cref="IsTimeout"/> found timed out, naming which timeout it was.</summary>
    /// <param name="operation">The request.</param>
    /// <param name="exception">What the attempt threw; it becomes the inner exception.</param>
    /// <param name="ownTimeoutElapsed">True when the attempt's own <see cref="OssClientOptions.RequestTimeout"/> had elapsed.</param>
    /// <param name="requestTimeout">The library's attempt timeout.</param>
    /// <param name="httpClientTimeout">The HttpClient's own timeout.</param>
    public static TimeoutException Create(OssOperation operation, Exception exception, bool ownTimeoutElapsed, TimeSpan requestTimeout, TimeSpan httpClientTimeout)
    {
        string reason = exception switch
        {
            OperationCanceledException when ownTimeoutElapsed => $"got no complete reply within OssClientOptions.RequestTimeout ({Seconds(requestTimeout)})",
            TimeoutRejectedException => "was timed out by a Polly timeout among the HttpClient's handlers (TimeoutRejectedException, for example the standard resilience handler's attempt or total timeout)",
            OperationCanceledException { InnerException: TimeoutException } => $"got no reply within HttpClient.Timeout ({Seconds(httpClientTimeout)})",
            _ => "was cancelled by an HTTP handler with a token other than the caller's (a timeout of the handler's own)",
        };
        return new TimeoutException($"{operation.Method.Method} {operation.DescribeResource()} {reason}.", exception);
    }

    private static string Seconds(TimeSpan value)
        => value == Timeout.InfiniteTimeSpan ? "infinite" : value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
}
