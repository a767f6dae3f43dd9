using System.Diagnostics;
using Oss.ResumableUpload.Transport;

namespace Oss.ResumableUpload.Diagnostics;

/// <summary>
/// The span and the measurements of one <see cref="OssHttpPipeline.SendAsync"/> call (one operation, its retries
/// included): the <c>oss.http {Operation}</c> Client span with the OpenTelemetry HTTP attributes, the
/// <c>oss.client.request.duration</c> histogram and, for UploadPart, the retry count. With nobody listening it holds
/// a null activity and a timestamp, and builds no tag list.
/// </summary>
/// <remarks>
/// The conventions' span name for an HTTP client span is <c>{method}</c>; the library's span is a logical operation
/// around every attempt, so it keeps the more useful <c>oss.http {Operation}</c>. Each physical attempt is a span of
/// HttpClient's own <c>System.Net.Http</c> source, and is measured by its <c>http.client.request.duration</c>: the
/// library's histogram has its own name so the two never add up. <c>server.address</c> is the endpoint's host, not
/// the bucket's virtual host, and there is no <c>url.full</c>: both would name the bucket or the object.
/// </remarks>
internal readonly struct RequestTelemetry : IDisposable
{
    private readonly Activity? _activity;
    private readonly OssOperation _operation;
    private readonly Uri _endpoint;
    private readonly TimeProvider _time;
    private readonly long _started;

    private RequestTelemetry(Activity? activity, OssOperation operation, Uri endpoint, TimeProvider time)
    {
        _activity = activity;
        _operation = operation;
        _endpoint = endpoint;
        _time = time;
        _started = time.GetTimestamp();
    }

    /// <summary>Starts the span (when someone listens) and the clock of one operation.</summary>
    public static RequestTelemetry Start(OssOperation operation, Uri endpoint, TimeProvider time)
    {
        Activity? activity = OssActivitySource.StartHttpActivity(operation.Name);
        if (activity is not null)
        {
            activity.SetTag("http.request.method", operation.Method.Method);
            activity.SetTag("server.address", endpoint.IdnHost);
            activity.SetTag("server.port", endpoint.Port);
            activity.SetTag("url.scheme", endpoint.Scheme);
            activity.SetTag("oss.operation", operation.Name);
            if (operation.Bucket is not null)
            {
                activity.SetTag("oss.bucket", operation.Bucket);
            }

            if (operation.PartNumber is int part)
            {
                activity.SetTag("oss.part.number", part);
            }
        }

        return new RequestTelemetry(activity, operation, endpoint, time);
    }

    public void Succeeded(OssResponse response, int attempts)
    {
        if (_activity is not null)
        {
            _activity.SetTag("http.response.status_code", response.StatusCode);
            _activity.SetTag("oss.request.id", response.RequestId);
            SetResendCount(attempts);
        }

        Record(response.StatusCode, failure: null, attempts);
    }

    /// <summary>Records the exception that leaves the operation; a cancel of <paramref name="cancellationToken"/> is no error on the span.</summary>
    public void Failed(Exception exception, int attempts, CancellationToken cancellationToken)
    {
        int? status = (exception as OssServiceException)?.StatusCode;
        if (_activity is not null)
        {
            if (status is int code)
            {
                _activity.SetTag("http.response.status_code", code);
                _activity.SetTag("oss.request.id", ((OssServiceException)exception).RequestId);
            }

            SetResendCount(attempts);
            ActivityOutcome.Fail(_activity, exception, ActivityOutcome.IsCancel(exception, cancellationToken));
        }

        Record(status, exception, attempts);
    }

    public void Dispose() => _activity?.Dispose();

    private void SetResendCount(int attempts)
    {
        if (attempts > 1)
        {
            _activity!.SetTag("http.request.resend_count", attempts - 1);
        }
    }

    private void Record(int? statusCode, Exception? failure, int attempts)
    {
        if (attempts > 1 && _operation.Name == "UploadPart")
        {
            OssMetrics.PartRetries.Add(attempts - 1);
        }

        if (!OssMetrics.RequestDuration.Enabled)
        {
            return;
        }

        var tags = new TagList
        {
            { "oss.operation", _operation.Name },
            { "http.request.method", _operation.Method.Method },
            { "server.address", _endpoint.IdnHost },
            { "server.port", _endpoint.Port },
            { "url.scheme", _endpoint.Scheme },
        };
        if (statusCode is int code)
        {
            tags.Add("http.response.status_code", code);
        }

        if (failure is not null)
        {
            tags.Add("error.type", ErrorTypes.Of(failure));
        }

        OssMetrics.RequestDuration.Record(_time.GetElapsedTime(_started).TotalSeconds, tags);
    }
}
