using System.Diagnostics;
using System.Diagnostics.Metrics;
using Oss.ResumableUpload.Diagnostics;
using Oss.ResumableUpload.Transport;

namespace Oss.ResumableUpload.Tests.Diagnostics;

/// <summary>
/// With nobody listening, the telemetry on the per-part path (part span, request span and duration, bytes sent,
/// parts, retries, checkpoint saves) allocates nothing. Runs alone: another test's listener would switch it on.
/// </summary>
[Collection(nameof(TelemetryCollection))]
public sealed class TelemetryCostTests
{
    [Fact]
    public void With_nobody_listening_the_per_part_telemetry_allocates_nothing()
    {
        var operation = new OssOperation("UploadPart", HttpMethod.Put, "bucket", "key") { PartNumber = 3 };
        using var message = new HttpResponseMessage();
        var response = new OssResponse(200, message.Headers, null, []);
        var failure = new OssServiceException(500, "InternalError", "PUT /bucket/key?partNumber=3 failed: 500");
        var endpoint = new Uri("https://oss-cn-hangzhou.aliyuncs.com");
        Assert.False(OssActivitySource.Source.HasListeners());
        Assert.False(OssMetrics.RequestDuration.Enabled);

        RunPartPath(operation, response, failure, endpoint);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            RunPartPath(operation, response, failure, endpoint);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void With_a_listener_the_same_path_measures()
    {
        var operation = new OssOperation("UploadPart", HttpMethod.Put, "bucket", "key") { PartNumber = 3 };
        using var message = new HttpResponseMessage();
        var response = new OssResponse(200, message.Headers, null, []);
        var failure = new OssServiceException(500, "InternalError", "PUT /bucket/key?partNumber=3 failed: 500");
        var measured = new Dictionary<string, double>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == OssDiagnostics.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => measured[instrument.Name] = measured.GetValueOrDefault(instrument.Name) + value);
        listener.SetMeasurementEventCallback<double>((instrument, _, _, _) => measured[instrument.Name] = measured.GetValueOrDefault(instrument.Name) + 1);
        listener.Start();

        RunPartPath(operation, response, failure, new Uri("https://oss-cn-hangzhou.aliyuncs.com"));

        Assert.Equal(65536, measured[OssDiagnostics.Metrics.BytesSent]);
        Assert.Equal(1, measured[OssDiagnostics.Metrics.PartsUploaded]);
        Assert.Equal(1 + 2, measured[OssDiagnostics.Metrics.PartRetries]);
        Assert.Equal(2, measured[OssDiagnostics.Metrics.RequestDuration]);
        Assert.Equal(1, measured[OssDiagnostics.Metrics.CheckpointSaves]);
    }

    private static void RunPartPath(OssOperation operation, OssResponse response, OssServiceException failure, Uri endpoint)
    {
        using Activity? part = UploadTelemetry.StartPart("upload-id", 3, 100 * 1024);
        using (RequestTelemetry request = RequestTelemetry.Start(operation, endpoint, TimeProvider.System))
        {
            request.Succeeded(response, attempts: 2);
        }

        using (RequestTelemetry request = RequestTelemetry.Start(operation, endpoint, TimeProvider.System))
        {
            request.Failed(failure, attempts: 3, CancellationToken.None);
        }

        BytesSentMeter.Add(counted: true, 65536);
        BytesSentMeter.Add(counted: false, 1000);
        _ = UploadTelemetry.PartFailed(part, failure, CancellationToken.None);
        UploadTelemetry.PartUploaded();
        UploadTelemetry.CheckpointSaved();
    }
}
