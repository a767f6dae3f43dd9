using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Oss.ResumableUpload.Tests.Snippets;

/// <summary>
/// The code of docs/observability.md, compiled. The telemetry tests wire their in-memory exporters through it, so the
/// snippet users copy is the one proven to collect every span and metric.
/// </summary>
internal static class ObservabilitySnippets
{
    /// <summary>Starts the OpenTelemetry SDK with the library's ActivitySource and Meter, exporting to the given collections.</summary>
    public static OpenTelemetrySdk WireOpenTelemetry(ICollection<Activity> spans, ICollection<MetricSnapshot> metrics)
    {
        // <snippet:opentelemetry>
        OpenTelemetrySdk sdk = OpenTelemetrySdk.Create(otel => otel
            .WithTracing(t => t.AddSource(OssDiagnostics.ActivitySourceName).AddInMemoryExporter(spans))
            .WithMetrics(m => m.AddMeter(OssDiagnostics.MeterName).AddInMemoryExporter(metrics)));
        // </snippet>
        return sdk;
    }
}
