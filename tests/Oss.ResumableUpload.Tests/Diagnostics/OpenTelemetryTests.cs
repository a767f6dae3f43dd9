using System.Globalization;
using System.Diagnostics;
using OpenTelemetry.Metrics;
using Oss.ResumableUpload.Testing;
using Oss.ResumableUpload.Tests.EndToEnd;

namespace Oss.ResumableUpload.Tests.Diagnostics;

/// <summary>
/// The span and metric names of docs/observability.md, collected by the OpenTelemetry SDK from real uploads against the
/// test server: what a dashboard built on the docs would see.
/// </summary>
[Collection(nameof(TelemetryCollection))]
public sealed class OpenTelemetryTests
{
    private const int P = EndToEndHarness.PartSize;

    // A key that would stand out in any tag: no tag may carry it.
    private const string Key = "private/customer-4711/payroll.bin";

    [Fact]
    public async Task A_part_retried_once_shows_in_the_metrics_and_on_its_request_span()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile((4 * P) + 1000, seed: 71);
        long size = new FileInfo(path).Length;
        harness.Server.Faults.FailNext(OssOperationKind.UploadPart, partNumber: 2);
        using var telemetry = new TelemetryCapture();

        await harness.CreateClient().ResumableUploadAsync(harness.Request(path, Key));
        telemetry.Flush();

        // Metrics: the failed attempt's body was sent in full (the server reads it before answering 500).
        Assert.Equal(size + P, telemetry.Sum(OssDiagnostics.Metrics.BytesSent));
        Assert.Equal("By", telemetry.Metric(OssDiagnostics.Metrics.BytesSent).Unit);
        Assert.Equal(5, telemetry.Sum(OssDiagnostics.Metrics.PartsUploaded));
        Assert.Equal(1, telemetry.Sum(OssDiagnostics.Metrics.PartRetries));
        Assert.Equal(0, telemetry.Sum(OssDiagnostics.Metrics.UploadsResumed));
        MetricPoint saves = Assert.Single(telemetry.Points(OssDiagnostics.Metrics.CheckpointSaves));
        Assert.Equal("saved", TelemetryCapture.TagsOf(saves)["oss.outcome"]);
        Assert.True(saves.GetSumLong() >= 1);

        MetricSnapshot requests = telemetry.Metric(OssDiagnostics.Metrics.RequestDuration);
        Assert.Equal("s", requests.Unit);
        Assert.Equal(MetricType.Histogram, requests.MetricType);
        MetricPoint parts = Assert.Single(requests.MetricPoints, p => (string?)TelemetryCapture.TagsOf(p)["oss.operation"] == "UploadPart");
        Assert.Equal(5, parts.GetHistogramCount());
        Dictionary<string, object?> partTags = TelemetryCapture.TagsOf(parts);
        Assert.Equal("PUT", partTags["http.request.method"]);
        Assert.Equal(harness.Server.Endpoint.Host, partTags["server.address"]);
        Assert.Equal(harness.Server.Endpoint.Port, Convert.ToInt32(partTags["server.port"], CultureInfo.InvariantCulture));
        Assert.Equal("http", partTags["url.scheme"]);
        Assert.Equal(200, Convert.ToInt32(partTags["http.response.status_code"], CultureInfo.InvariantCulture));
        Assert.False(partTags.ContainsKey("error.type"));
        Assert.Equal(
            [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10],
            HistogramBounds(parts).Where(b => !double.IsPositiveInfinity(b)));
        Assert.Contains(requests.MetricPoints, p => (string?)TelemetryCapture.TagsOf(p)["oss.operation"] == "InitiateMultipartUpload" && p.GetHistogramCount() == 1);
        Assert.Contains(requests.MetricPoints, p => (string?)TelemetryCapture.TagsOf(p)["oss.operation"] == "CompleteMultipartUpload" && p.GetHistogramCount() == 1);

        MetricPoint upload = Assert.Single(telemetry.Points(OssDiagnostics.Metrics.UploadDuration));
        Assert.Equal(1, upload.GetHistogramCount());
        Assert.Empty(TelemetryCapture.TagsOf(upload));
        Assert.Equal("s", telemetry.Metric(OssDiagnostics.Metrics.UploadDuration).Unit);

        // Spans: the retried part's request span says it was sent again, and nothing is an error.
        Activity root = Assert.Single(telemetry.Spans, s => s.OperationName == "ResumableUpload");
        Assert.Equal(ActivityStatusCode.Unset, root.Status);
        Assert.Equal(EndToEndHarness.Bucket, root.GetTagItem("oss.bucket"));
        Assert.Equal(size, root.GetTagItem("oss.upload.size"));
        Assert.Equal(false, root.GetTagItem("oss.upload.resumed"));
        List<Activity> partSpans = telemetry.Spans.Where(s => s.OperationName == "ResumableUpload.Part").ToList();
        Assert.Equal([1, 2, 3, 4, 5], partSpans.Select(s => (int)s.GetTagItem("oss.part.number")!).Order());
        Assert.All(partSpans, s => Assert.Equal((int)s.GetTagItem("oss.part.number")! == 5 ? 1000L : P, s.GetTagItem("oss.part.size")));
        Assert.All(partSpans, s => Assert.Same(root, s.Parent));
        Activity partTwo = Assert.Single(partSpans, s => (int)s.GetTagItem("oss.part.number")! == 2);
        Activity request = Assert.Single(telemetry.Spans, s => s.Parent == partTwo);
        Assert.Equal("oss.http UploadPart", request.OperationName);
        Assert.Equal(ActivityKind.Client, request.Kind);
        Assert.Equal("PUT", request.GetTagItem("http.request.method"));
        Assert.Equal(harness.Server.Endpoint.Host, request.GetTagItem("server.address"));
        Assert.Equal(harness.Server.Endpoint.Port, request.GetTagItem("server.port"));
        Assert.Equal("http", request.GetTagItem("url.scheme"));
        Assert.Equal(200, request.GetTagItem("http.response.status_code"));
        Assert.Equal(1, request.GetTagItem("http.request.resend_count"));
        Assert.Equal(2, request.GetTagItem("oss.part.number"));
        Assert.DoesNotContain(telemetry.Spans, s => s.Status == ActivityStatusCode.Error);

        AssertNothingSensitive(telemetry, harness);
    }

    [Fact]
    public async Task A_failed_part_marks_its_spans_as_errors_and_the_resume_is_counted()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile((4 * P) + 1000, seed: 72);
        long size = new FileInfo(path).Length;
        harness.Server.Faults.FailNext(OssOperationKind.UploadPart, partNumber: 2);
        OssClientOptions quick = harness.ClientOptions();
        var client = new OssClient(new OssClientOptions
        {
            Endpoint = quick.Endpoint,
            Region = quick.Region,
            Credentials = quick.Credentials,
            MaxRetryAttempts = 0,
        });
        using var telemetry = new TelemetryCapture();

        OssServiceException failure = await Assert.ThrowsAsync<OssServiceException>(() => client.ResumableUploadAsync(harness.Request(path, Key, concurrency: 1)));
        Assert.Equal("InternalError", failure.ErrorCode);
        ResumableUploadResult resumed = await client.ResumableUploadAsync(harness.Request(path, Key, concurrency: 1));
        Assert.True(resumed.Resumed);
        telemetry.Flush();

        List<Activity> roots = telemetry.Spans.Where(s => s.OperationName == "ResumableUpload").OrderBy(s => s.StartTimeUtc).ToList();
        Assert.Equal(2, roots.Count);
        Activity failed = roots[0];
        Assert.Equal(ActivityStatusCode.Error, failed.Status);
        Assert.Equal("InternalError", failed.GetTagItem("error.type"));
        Activity failedPart = Assert.Single(telemetry.Spans, s => s.Parent == failed && s.OperationName == "ResumableUpload.Part" && (int)s.GetTagItem("oss.part.number")! == 2);
        Assert.Equal(ActivityStatusCode.Error, failedPart.Status);
        Assert.Equal("InternalError", failedPart.StatusDescription);
        Assert.Equal("InternalError", failedPart.GetTagItem("error.type"));
        ActivityEvent exception = Assert.Single(failedPart.Events);
        Assert.Equal("exception", exception.Name);
        Dictionary<string, object?> exceptionTags = exception.Tags.ToDictionary(t => t.Key, t => t.Value);
        Assert.Equal(typeof(OssServiceException).FullName, exceptionTags["exception.type"]);
        Assert.Equal($"500 InternalError, RequestId {failure.RequestId}", exceptionTags["exception.message"]);
        Activity failedRequest = Assert.Single(telemetry.Spans, s => s.Parent == failedPart);
        Assert.Equal(ActivityStatusCode.Error, failedRequest.Status);
        Assert.Equal(500, failedRequest.GetTagItem("http.response.status_code"));
        Assert.Equal("InternalError", failedRequest.GetTagItem("error.type"));
        Assert.Equal(failure.RequestId, failedRequest.GetTagItem("oss.request.id"));

        Activity resume = roots[1];
        Assert.Equal(ActivityStatusCode.Unset, resume.Status);
        Assert.Equal(true, resume.GetTagItem("oss.upload.resumed"));
        Assert.Equal(resumed.UploadId, resume.GetTagItem("oss.upload.id"));
        Assert.DoesNotContain(telemetry.Spans, s => s.TraceId == resume.TraceId && s.Status == ActivityStatusCode.Error);

        Assert.Equal(1, telemetry.Sum(OssDiagnostics.Metrics.UploadsResumed));
        Assert.Equal(5, telemetry.Sum(OssDiagnostics.Metrics.PartsUploaded));
        Assert.Equal(0, telemetry.Sum(OssDiagnostics.Metrics.PartRetries));
        Assert.Equal(size + P, telemetry.Sum(OssDiagnostics.Metrics.BytesSent));
        List<MetricPoint> uploads = telemetry.Points(OssDiagnostics.Metrics.UploadDuration);
        Assert.Equal(2, uploads.Sum(p => p.GetHistogramCount()));
        Assert.Single(uploads, p => (string?)TelemetryCapture.TagsOf(p).GetValueOrDefault("error.type") == "InternalError" && p.GetHistogramCount() == 1);
        MetricPoint refused = Assert.Single(
            telemetry.Points(OssDiagnostics.Metrics.RequestDuration),
            p => TelemetryCapture.TagsOf(p).GetValueOrDefault("error.type") is not null);
        Dictionary<string, object?> refusedTags = TelemetryCapture.TagsOf(refused);
        Assert.Equal("UploadPart", refusedTags["oss.operation"]);
        Assert.Equal("InternalError", refusedTags["error.type"]);
        Assert.Equal(500, Convert.ToInt32(refusedTags["http.response.status_code"], CultureInfo.InvariantCulture));
        Assert.Equal(1, refused.GetHistogramCount());

        AssertNothingSensitive(telemetry, harness);
    }

    [Fact]
    public async Task A_cancelled_upload_is_no_error_on_any_span()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile(5 * P, seed: 73);
        using var telemetry = new TelemetryCapture();

        await harness.UploadAndCancelAtPartAsync(path, Key, cancelAtPart: 3);
        telemetry.Flush();

        Activity root = Assert.Single(telemetry.Spans, s => s.OperationName == "ResumableUpload");
        Assert.Equal(ActivityStatusCode.Unset, root.Status);
        Assert.Equal(true, root.GetTagItem("oss.cancelled"));
        Assert.Null(root.GetTagItem("error.type"));
        Assert.DoesNotContain(telemetry.Spans, s => s.Status == ActivityStatusCode.Error);
        Activity partThree = Assert.Single(telemetry.Spans, s => s.OperationName == "ResumableUpload.Part" && (int)s.GetTagItem("oss.part.number")! == 3);
        Assert.Equal(true, partThree.GetTagItem("oss.cancelled"));
        Assert.Empty(partThree.Events);
        Assert.Equal(2, telemetry.Sum(OssDiagnostics.Metrics.PartsUploaded));

        // The duration histogram still tells a cancel from a success.
        MetricPoint upload = Assert.Single(telemetry.Points(OssDiagnostics.Metrics.UploadDuration));
        Assert.EndsWith("CanceledException", (string?)TelemetryCapture.TagsOf(upload)["error.type"], StringComparison.Ordinal);

        AssertNothingSensitive(telemetry, harness);
    }

    private static List<double> HistogramBounds(MetricPoint point)
    {
        var bounds = new List<double>();
        foreach (HistogramBucket bucket in point.GetHistogramBuckets())
        {
            bounds.Add(bucket.ExplicitBound);
        }

        return bounds;
    }

    /// <summary>No tag anywhere names the object, a credential or a signature, and no metric names the bucket or the upload.</summary>
    private static void AssertNothingSensitive(TelemetryCapture telemetry, EndToEndHarness harness)
    {
        List<string> values = telemetry.AllTagValues();
        Assert.NotEmpty(values);
        string[] forbidden = [Key, "payroll", "customer-4711", harness.Server.Credential.AccessKeySecret, harness.Server.Credential.AccessKeyId, "Signature", "OSS4-HMAC-SHA256", "x-oss-"];
        foreach (string value in values)
        {
            foreach (string secret in forbidden)
            {
                Assert.DoesNotContain(secret, value, StringComparison.OrdinalIgnoreCase);
            }
        }

        Assert.All(telemetry.Spans, s => Assert.Null(s.GetTagItem("oss.key")));
        foreach (string name in new[] { OssDiagnostics.Metrics.BytesSent, OssDiagnostics.Metrics.PartsUploaded, OssDiagnostics.Metrics.RequestDuration, OssDiagnostics.Metrics.UploadDuration, OssDiagnostics.Metrics.CheckpointSaves })
        {
            foreach (MetricPoint point in telemetry.Points(name))
            {
                foreach (string tagValue in TelemetryCapture.TagsOf(point).Values.Select(v => v?.ToString() ?? string.Empty))
                {
                    Assert.DoesNotContain(EndToEndHarness.Bucket, tagValue, StringComparison.Ordinal);
                }

                Assert.DoesNotContain(TelemetryCapture.TagsOf(point).Keys, k => k.Contains("upload.id", StringComparison.Ordinal) || k == "oss.bucket");
            }
        }
    }
}
