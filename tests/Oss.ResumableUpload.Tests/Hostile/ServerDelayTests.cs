using Microsoft.Extensions.Time.Testing;
using Oss.ResumableUpload.Tests.Infrastructure;

namespace Oss.ResumableUpload.Tests.Hostile;

/// <summary>A delay the server asks for is clamped to MaxRetryDelay; no value overflows a TimeSpan.</summary>
public sealed class ServerDelayTests
{
    private static readonly TimeSpan s_maxDelay = TimeSpan.FromSeconds(3);

    [Theory]
    [InlineData("x-oss-qos-delay-time: 99999999999999999", 3000)]
    [InlineData("x-oss-qos-delay-time: 9223372036854775807", 3000)]
    [InlineData("x-oss-qos-delay-time: 99999999999999999999999999", 3000)]
    [InlineData("x-oss-qos-delay-time: 1500", 1500)]
    [InlineData("x-oss-qos-delay-time: -5", 0)]
    [InlineData("x-oss-qos-delay-time: soon", 0)]
    [InlineData("Retry-After: 99999999999999999", 3000)]
    [InlineData("Retry-After: 2147483647", 3000)]
    [InlineData("Retry-After: 2", 2000)]
    [InlineData("Retry-After: Fri, 31 Dec 9999 23:59:59 GMT", 3000)]
    [InlineData("Retry-After: later", 0)]
    public async Task A_server_delay_is_clamped_and_never_overflows(string header, int expectedMs)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var logs = new ListLoggerFactory();
        int calls = 0;
        using var server = new HostileHttpServer(_ => Interlocked.Increment(ref calls) == 1
            ? HostileReply.Text(503, "<Error><Code>ServiceUnavailable</Code></Error>", header)
            : HostileReply.Text(200, HostileClient.InitiateXml()));
        using OssClient client = HostileClient.Create(server.Endpoint, maxRetries: 1, logs: logs, time: time, maxRetryDelay: s_maxDelay);

        Task<InitiateMultipartUploadResult> call = HostileClient.InitiateAsync(client);
        await Eventually.WaitUntilAsync(() => logs.Has(1003) || call.IsCompleted, "the retry to be logged");
        if (call.IsFaulted)
        {
            await call; // surface the exception
        }

        Assert.Contains($"retrying in {expectedMs} ms", logs.Lines.Single(l => l.EventId.Id == 1003).Message, StringComparison.Ordinal);
        time.Advance(s_maxDelay);
        Assert.Equal("U1", (await call).UploadId);
    }
}
