using System.Diagnostics;
using System.Globalization;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Oss.ResumableUpload.Tests.Snippets;

namespace Oss.ResumableUpload.Tests.Diagnostics;

/// <summary>
/// The library's spans and metrics, collected by the OpenTelemetry SDK (wired by the docs' snippet) into memory.
/// The meter is process-wide, so tests that use this run in <see cref="TelemetryCollection"/>, alone.
/// </summary>
internal sealed class TelemetryCapture : IDisposable
{
    private readonly OpenTelemetrySdk _sdk;
    private readonly List<MetricSnapshot> _metrics = [];

    public TelemetryCapture()
    {
        _sdk = ObservabilitySnippets.WireOpenTelemetry(Spans, _metrics);
    }

    public List<Activity> Spans { get; } = [];

    /// <summary>Exports what was measured so far (cumulative), replacing the previous export.</summary>
    public void Flush()
    {
        Assert.True(_sdk.TracerProvider.ForceFlush());
        _metrics.Clear();
        Assert.True(_sdk.MeterProvider.ForceFlush());
    }

    public MetricSnapshot Metric(string name) => Assert.Single(_metrics, m => m.Name == name);

    public bool Has(string name) => _metrics.Exists(m => m.Name == name);

    public List<MetricPoint> Points(string name) => Metric(name).MetricPoints.ToList();

    /// <summary>The sum of a counter over its points; 0 when nothing was ever measured.</summary>
    public long Sum(string name) => Has(name) ? Points(name).Sum(p => p.GetSumLong()) : 0;

    public static Dictionary<string, object?> TagsOf(MetricPoint point)
    {
        var tags = new Dictionary<string, object?>();
        foreach (KeyValuePair<string, object?> tag in point.Tags)
        {
            tags[tag.Key] = tag.Value;
        }

        return tags;
    }

    /// <summary>Every tag value of every span, span event and metric point, as text.</summary>
    public List<string> AllTagValues()
    {
        var values = new List<string>();
        foreach (Activity span in Spans)
        {
            values.Add(span.DisplayName);
            values.AddRange(span.TagObjects.Select(t => Convert.ToString(t.Value, CultureInfo.InvariantCulture) ?? string.Empty));
            values.AddRange(span.Events.SelectMany(e => e.Tags).Select(t => Convert.ToString(t.Value, CultureInfo.InvariantCulture) ?? string.Empty));
            values.Add(span.StatusDescription ?? string.Empty);
        }

        foreach (MetricSnapshot metric in _metrics)
        {
            foreach (MetricPoint point in metric.MetricPoints)
            {
                values.AddRange(TagsOf(point).Values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? string.Empty));
            }
        }

        return values;
    }

    public void Dispose() => _sdk.Dispose();
}

/// <summary>The tests that read the process-wide meter: they run alone, so no other test's upload adds to the counts.</summary>
[CollectionDefinition(nameof(TelemetryCollection), DisableParallelization = true)]
public sealed class TelemetryCollection;
