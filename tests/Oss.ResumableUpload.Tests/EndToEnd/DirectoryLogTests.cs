using Microsoft.Extensions.Logging;
using Oss.ResumableUpload.Tests.Infrastructure;

namespace Oss.ResumableUpload.Tests.EndToEnd;

/// <summary>The directory layer's log events (4xxx, category Directories): start, skipped, failed and the end.</summary>
public sealed class DirectoryLogTests
{
    private const int P = EndToEndHarness.PartSize;

    [Fact]
    public async Task TheTreeLogsItsStartEachFailedFileAndItsEndWithTheCounts()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string root = DirectoryTestKit.CreateTree(harness, "tree", ("a.bin", 100), ("sub/broken.bin", 200), ("c.bin", 2 * P));
        var logs = new ListLoggerFactory();
        OssClient client = harness.CreateHookedClient(FailKey("sub/broken.bin"), logs);

        DirectoryUploadResult result = await client.UploadDirectoryAsync(DirectoryTestKit.Request(root, prefix: "p/"));

        Assert.False(result.Succeeded);
        LogLine start = Single(logs, OssDiagnostics.EventIds.DirectoryUploadStarting);
        Assert.Equal(LogLevel.Information, start.Level);
        Assert.Equal(OssDiagnostics.LogCategories.Directories, start.Category);
        Assert.Contains("FileCount=3", start.Message, StringComparison.Ordinal);
        Assert.Contains($"TotalBytes={300 + (2 * P)}", start.Message, StringComparison.Ordinal);
        Assert.Contains("KeyPrefix=p/", start.Message, StringComparison.Ordinal);

        LogLine failed = Single(logs, OssDiagnostics.EventIds.DirectoryFileFailed);
        Assert.Equal(LogLevel.Warning, failed.Level);
        Assert.Contains("RelativePath=sub/broken.bin", failed.Message, StringComparison.Ordinal);
        Assert.Contains("ErrorType=" + nameof(OssClientErrorCode.NetworkFailure), failed.Message, StringComparison.Ordinal);
        Assert.NotNull(failed.Exception);

        LogLine end = Single(logs, OssDiagnostics.EventIds.DirectoryUploadCompleted);
        Assert.Contains("Uploaded=2;", end.Message, StringComparison.Ordinal);
        Assert.Contains($"UploadedBytes={100 + (2 * P)};", end.Message, StringComparison.Ordinal);
        Assert.Contains("Skipped=0;", end.Message, StringComparison.Ordinal);
        Assert.Contains("Failed=1;", end.Message, StringComparison.Ordinal);
        Assert.Matches("ElapsedMs=[0-9]+;", end.Message);
        Assert.False(logs.Has(OssDiagnostics.EventIds.DirectoryUploadStopped));
        Assert.DoesNotContain(harness.Server.Credential.AccessKeySecret, logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FilesSkippedAsUnchangedAreDebugEventsWithTheirReason()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string root = DirectoryTestKit.CreateTree(harness, "tree", ("a.bin", 100), ("b/c.bin", 2 * P));
        await harness.CreateClient().UploadDirectoryAsync(DirectoryTestKit.Request(root));
        var skipping = new ListLoggerFactory();
        UploadDirectoryRequest request = DirectoryTestKit.Request(root);
        DirectoryUploadResult skipped = await harness.CreateClient(loggerFactory: skipping).UploadDirectoryAsync(new UploadDirectoryRequest
        {
            LocalDirectory = request.LocalDirectory,
            BucketName = request.BucketName,
            PartSize = request.PartSize,
            SkipUnchanged = true,
        });

        Assert.All(skipped.Files, f => Assert.Equal(DirectoryUploadOutcome.Skipped, f.Outcome));
        LogLine[] lines = [.. skipping.Lines.Where(l => l.EventId.Id == OssDiagnostics.EventIds.DirectoryFileSkipped)];
        Assert.Equal(2, lines.Length);
        Assert.All(lines, l => Assert.Equal(LogLevel.Debug, l.Level));
        Assert.Contains(lines, l => l.Message.Contains("RelativePath=b/c.bin;", StringComparison.Ordinal) && l.Message.Contains("size and CRC-64", StringComparison.Ordinal));
        Assert.Contains("Skipped=2;", Single(skipping, OssDiagnostics.EventIds.DirectoryUploadCompleted).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStopAtTheFirstFailureLogsTheStopWithWhatWasNotDone()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string root = DirectoryTestKit.CreateTree(harness, "tree", ("a-broken.bin", 100), ("b.bin", 200), ("c.bin", 300));
        var logs = new ListLoggerFactory();
        OssClient client = harness.CreateHookedClient(FailKey("a-broken.bin"), logs);

        await Assert.ThrowsAnyAsync<OssException>(() => client.UploadDirectoryAsync(new UploadDirectoryRequest
        {
            LocalDirectory = root,
            BucketName = EndToEndHarness.Bucket,
            MaxConcurrency = 1,
            StopOnFirstFailure = true,
        }));

        LogLine stopped = Single(logs, OssDiagnostics.EventIds.DirectoryUploadStopped);
        Assert.Contains("Reason=StopOnFirstFailure;", stopped.Message, StringComparison.Ordinal);
        Assert.Contains("Failed=1;", stopped.Message, StringComparison.Ordinal);
        Assert.Contains("NotDone=2", stopped.Message, StringComparison.Ordinal);
        Assert.False(logs.Has(OssDiagnostics.EventIds.DirectoryUploadCompleted));
    }

    [Fact]
    public async Task ACancelLogsTheStopAndRethrows()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string root = DirectoryTestKit.CreateTree(harness, "tree", ("a.bin", 100), ("b.bin", 200), ("c.bin", 300));
        var logs = new ListLoggerFactory();
        using var cancel = new CancellationTokenSource();
        OssClient client = harness.CreateHookedClient(
            (request, _) =>
            {
                // The second file's PutObject: the first is done, the second and third are not.
                if (request.Method == HttpMethod.Put && request.RequestUri!.AbsolutePath.EndsWith("/b.bin", StringComparison.Ordinal))
                {
                    cancel.Cancel();
                }

                return Task.CompletedTask;
            },
            logs);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.UploadDirectoryAsync(DirectoryTestKit.Request(root, concurrency: 1), cancel.Token));

        LogLine stopped = Single(logs, OssDiagnostics.EventIds.DirectoryUploadStopped);
        Assert.Contains("Reason=cancelled;", stopped.Message, StringComparison.Ordinal);
        Assert.Contains("Uploaded=1;", stopped.Message, StringComparison.Ordinal);
        Assert.Contains("NotDone=2", stopped.Message, StringComparison.Ordinal);
        Assert.False(logs.Has(OssDiagnostics.EventIds.DirectoryFileFailed));
        Assert.False(logs.Has(OssDiagnostics.EventIds.DirectoryUploadCompleted));
    }

    private static Func<HttpRequestMessage, CancellationToken, Task> FailKey(string key)
        => (request, _) => request.RequestUri!.AbsolutePath.EndsWith("/" + key, StringComparison.Ordinal)
            ? throw new HttpRequestException("Injected transport failure for " + key)
            : Task.CompletedTask;

    private static LogLine Single(ListLoggerFactory logs, int eventId) => Assert.Single(logs.Lines, l => l.EventId.Id == eventId);
}
