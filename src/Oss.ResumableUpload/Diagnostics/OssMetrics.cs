using System.Diagnostics.Metrics;

namespace Oss.ResumableUpload.Diagnostics;

/// <summary>
/// The package's <see cref="Meter"/>, named <see cref="OssDiagnostics.MeterName"/>, and its instruments (names on
/// <see cref="OssDiagnostics.Metrics"/>, documented in docs/observability.md). Created once per process, like the
/// ActivitySource. Measuring with nobody listening costs a field read: callers check <see cref="Instrument.Enabled"/>
/// before they build any tag list.
/// </summary>
/// <remarks>
/// No instrument carries a bucket name, an object key or an upload id: they are unbounded (one time series each) and
/// may be sensitive. Request metrics carry the endpoint's host, never the bucket's virtual host.
/// </remarks>
internal static class OssMetrics
{
    /// <summary>The OpenTelemetry recommended bucket boundaries of <c>http.client.request.duration</c>, in seconds.</summary>
    internal static readonly IReadOnlyList<double> RequestDurationBuckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

    /// <summary>Bucket boundaries for whole uploads, in seconds: from a small file to a multi-hour transfer.</summary>
    internal static readonly IReadOnlyList<double> UploadDurationBuckets = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 7200];

    public static readonly Meter Meter = new(OssDiagnostics.MeterName, typeof(OssMetrics).Assembly.GetName().Version?.ToString());

    public static readonly Counter<long> BytesSent = Meter.CreateCounter<long>(
        OssDiagnostics.Metrics.BytesSent, "By", "Object bytes written to the network in UploadPart and PutObject request bodies, every attempt included.");

    public static readonly Counter<long> PartsUploaded = Meter.CreateCounter<long>(
        OssDiagnostics.Metrics.PartsUploaded, "{part}", "Parts a resumable upload sent and the server stored.");

    public static readonly Counter<long> PartRetries = Meter.CreateCounter<long>(
        OssDiagnostics.Metrics.PartRetries, "{retry}", "UploadPart requests sent again by the retry policy.");

    public static readonly Histogram<double> RequestDuration = Meter.CreateHistogram(
        OssDiagnostics.Metrics.RequestDuration,
        "s",
        "Duration of OSS operations on the client, retries and their delays included.",
        tags: null,
        new InstrumentAdvice<double> { HistogramBucketBoundaries = RequestDurationBuckets });

    public static readonly Histogram<double> UploadDuration = Meter.CreateHistogram(
        OssDiagnostics.Metrics.UploadDuration,
        "s",
        "Duration of resumable uploads, from the call to its result or exception.",
        tags: null,
        new InstrumentAdvice<double> { HistogramBucketBoundaries = UploadDurationBuckets });

    public static readonly Counter<long> UploadsResumed = Meter.CreateCounter<long>(
        OssDiagnostics.Metrics.UploadsResumed, "{upload}", "Resumable uploads that continued a multipart upload from a checkpoint.");

    public static readonly Counter<long> CheckpointSaves = Meter.CreateCounter<long>(
        OssDiagnostics.Metrics.CheckpointSaves, "{save}", "Checkpoint saves, by outcome (error.type is set on a failed save).");
}
