using System.Collections.Concurrent;
using System.Diagnostics;
using Oss.ResumableUpload.Tests.EndToEnd;

namespace Oss.ResumableUpload.Tests.Diagnostics;

/// <summary>The activities of one upload, over real HTTP: one name per level, so a trace reads without guessing.</summary>
public sealed class ActivityNameTests
{
    [Fact]
    public async Task Each_level_of_an_upload_has_its_own_activity_name()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        OssClient client = harness.CreateClient();
        string path = harness.CreateFile((3 * EndToEndHarness.PartSize) + 1);
        using var test = new ActivitySource("Oss.ResumableUpload.Tests.ActivityNames");
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is OssDiagnostics.ActivitySourceName or "Oss.ResumableUpload.Tests.ActivityNames",
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        ActivityTraceId traceId;
        using (Activity parent = test.StartActivity("test")!)
        {
            traceId = parent.TraceId;
            await client.ResumableUploadAsync(harness.Request(path, checkpoint: false));
        }

        // Other tests may upload at the same time; only this trace counts.
        List<Activity> ours = stopped.Where(a => a.TraceId == traceId && a.Source.Name == OssDiagnostics.ActivitySourceName).ToList();
        Activity upload = Assert.Single(ours, a => a.Parent is null || a.Parent.Source.Name != OssDiagnostics.ActivitySourceName);
        Assert.Equal("ResumableUpload", upload.OperationName);
        List<Activity> parts = ours.Where(a => a.Parent == upload && a.OperationName == "ResumableUpload.Part").ToList();
        Assert.Equal(4, parts.Count);
        foreach (Activity part in parts)
        {
            Activity request = Assert.Single(ours, a => a.Parent == part);
            Assert.Equal("oss.http UploadPart", request.OperationName);
            Assert.Equal(ActivityKind.Client, request.Kind);
        }

        Assert.Contains(ours, a => a.Parent == upload && a.OperationName == "oss.http InitiateMultipartUpload");
        Assert.Contains(ours, a => a.Parent == upload && a.OperationName == "oss.http CompleteMultipartUpload");
        Assert.All(ours, a => Assert.NotEqual(a.Parent?.OperationName, a.OperationName));
        Assert.All(ours.Where(a => a.Kind == ActivityKind.Client), a => Assert.StartsWith("oss.http ", a.OperationName, StringComparison.Ordinal));
        Assert.DoesNotContain(ours, a => a.Kind != ActivityKind.Client && a.OperationName.StartsWith("oss.http ", StringComparison.Ordinal));
    }
}
