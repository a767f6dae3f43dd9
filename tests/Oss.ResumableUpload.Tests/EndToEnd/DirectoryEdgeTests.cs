using System.Diagnostics;
using Oss.ResumableUpload.Testing;

namespace Oss.ResumableUpload.Tests.EndToEnd;

/// <summary>Directory uploads at the edges: a file changing mid-upload, a FIFO in the tree, a cancel without checkpoints.</summary>
public sealed class DirectoryEdgeTests
{
    private const int P = EndToEndHarness.PartSize;

    [Fact]
    public async Task AFileThatChangesWhileItIsUploadedFailsWithFileChangedAndTheOthersGoUp()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string root = DirectoryTestKit.CreateTree(harness, "tree", ("a.bin", 100), ("grow.bin", 3 * P), ("z.bin", 200));
        string growing = Path.Combine(root, "grow.bin");
        var handler = new TrafficHandler
        {
            BeforeSend = request =>
            {
                if (request.RequestUri!.AbsolutePath.EndsWith("/grow.bin", StringComparison.Ordinal) && EndToEndHarness.PartNumberOf(request) == 2)
                {
                    File.AppendAllText(growing, "appended while uploading");
                }
            },
        };
        (OssClient client, IDisposable scope) = DirectoryTestKit.CreateClient(harness, handler);
        using (scope)
        {
            DirectoryUploadResult result = await client.UploadDirectoryAsync(DirectoryTestKit.Request(root, concurrency: 1));

            DirectoryUploadEntry changed = result.Files.Single(f => f.RelativePath == "grow.bin");
            Assert.Equal(DirectoryUploadOutcome.Failed, changed.Outcome);
            Assert.Equal(OssClientErrorCode.FileChanged, Assert.IsType<OssClientException>(changed.Error).ErrorCode);
            Assert.Null(harness.Server.GetObject(EndToEndHarness.Bucket, "grow.bin"));
            Assert.Equal([DirectoryUploadOutcome.Uploaded, DirectoryUploadOutcome.Uploaded], result.Files.Where(f => f != changed).Select(f => f.Outcome));
        }
    }

    [Fact]
    public async Task AFifoInTheTreeIsLeftOutInsteadOfBlockingTheWalk()
    {
        Assert.False(OperatingSystem.IsWindows(), "FIFOs exist on Unix only; this suite runs on Unix.");
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string root = DirectoryTestKit.CreateTree(harness, "tree", ("a.bin", 100));
        using (Process mkfifo = Process.Start("mkfifo", Path.Combine(root, "pipe")))
        {
            await mkfifo.WaitForExitAsync();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        DirectoryUploadResult result = await harness.CreateClient().UploadDirectoryAsync(DirectoryTestKit.Request(root)).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(["a.bin"], result.Files.Select(f => f.RelativePath));
    }

    [Fact]
    public async Task ACancelWithoutACheckpointDirectoryAbortsTheUploadsInFlight()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string root = DirectoryTestKit.CreateTree(harness, "tree", ("a-big.bin", 4 * P), ("b-big.bin", 4 * P), ("c.bin", 10));
        using var cancel = new CancellationTokenSource();
        var handler = new TrafficHandler
        {
            BeforeSend = request =>
            {
                if (EndToEndHarness.PartNumberOf(request) == 3)
                {
                    cancel.Cancel();
                }
            },
        };
        (OssClient client, IDisposable scope) = DirectoryTestKit.CreateClient(harness, handler);
        using (scope)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.UploadDirectoryAsync(DirectoryTestKit.Request(root, concurrency: 2), cancel.Token));
        }

        Assert.NotEmpty(harness.Server.Requests.Of(OssOperationKind.AbortMultipartUpload));
        Assert.Empty(harness.Server.GetUploads(EndToEndHarness.Bucket));
        Assert.Null(harness.Server.GetObject(EndToEndHarness.Bucket, "c.bin"));
    }
}
