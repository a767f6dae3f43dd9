using Oss.ResumableUpload.Checkpoints;
using Oss.ResumableUpload.Tests.EndToEnd;
using Oss.ResumableUpload.Tests.Infrastructure;

namespace Oss.ResumableUpload.Tests.Diagnostics;

/// <summary>The client logs under one category per area, so that each can be filtered on its own.</summary>
public sealed class LogCategoryTests
{
    [Fact]
    public async Task Transport_engine_and_checkpoint_files_each_log_under_their_own_category()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        var logs = new ListLoggerFactory();
        OssClient client = harness.CreateClient(loggerFactory: logs);
        string path = harness.CreateFile((2 * EndToEndHarness.PartSize) + 1);
        ResumableUploadRequest request = harness.Request(path);

        // A temporary file a killed save left behind: the engine's store sweeps it when it takes the lock (1302).
        Directory.CreateDirectory(harness.CheckpointDirectory);
        File.WriteAllText(Path.Combine(harness.CheckpointDirectory, CheckpointFileNames.Temporary(new CheckpointKey(request.BucketName, request.ObjectKey, "v1-killed"))), "{");

        await client.ResumableUploadAsync(request);

        Assert.All(logs.Lines.Where(l => l.EventId.Id is 1001 or 1002), l => Assert.Equal(OssDiagnostics.LogCategories.Transport, l.Category));
        Assert.All(logs.Lines.Where(l => l.EventId.Id is >= 2000 and < 4000), l => Assert.Equal(OssDiagnostics.LogCategories.Engine, l.Category));
        Assert.Contains(logs.Lines, l => l.EventId.Id == OssDiagnostics.EventIds.UploadStarting);
        Assert.Contains(logs.Lines, l => l.EventId.Id == OssDiagnostics.EventIds.CheckpointSaved);
        LogLine swept = Assert.Single(logs.Lines, l => l.EventId.Id == OssDiagnostics.EventIds.StaleTemporaryFileRemoved);
        Assert.Equal(OssDiagnostics.LogCategories.Checkpoints, swept.Category);
        Assert.All(logs.Lines, l => Assert.Contains(l.Category, new[] { OssDiagnostics.LogCategories.Transport, OssDiagnostics.LogCategories.Engine, OssDiagnostics.LogCategories.Checkpoints }));
    }

    [Fact]
    public void A_store_the_caller_creates_logs_under_the_checkpoints_category()
    {
        var logs = new ListLoggerFactory();
        string directory = Path.Combine(Path.GetTempPath(), "oss-categories-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var key = new CheckpointKey("test-bucket", "a/key", "v1-fp");
            File.WriteAllText(Path.Combine(directory, CheckpointFileNames.Temporary(key)), "{");
            var store = new FileCheckpointStore(directory, logs);

            ((ICheckpointLockProvider)store).AcquireLock(key.BucketName, key.ObjectKey).Dispose();

            LogLine swept = Assert.Single(logs.Lines, l => l.EventId.Id == OssDiagnostics.EventIds.StaleTemporaryFileRemoved);
            Assert.Equal("Oss.ResumableUpload.Checkpoints", swept.Category);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void The_category_names_are_the_documented_ones()
    {
        Assert.Equal("Oss.ResumableUpload.Transport", OssDiagnostics.LogCategories.Transport);
        Assert.Equal("Oss.ResumableUpload.Engine", OssDiagnostics.LogCategories.Engine);
        Assert.Equal("Oss.ResumableUpload.Checkpoints", OssDiagnostics.LogCategories.Checkpoints);
        Assert.Equal("Oss.ResumableUpload", OssDiagnostics.ActivitySourceName);
        Assert.Equal("Oss.ResumableUpload", OssDiagnostics.MeterName);
    }
}
