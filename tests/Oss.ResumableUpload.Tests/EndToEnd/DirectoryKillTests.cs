using Oss.ResumableUpload.Testing;

namespace Oss.ResumableUpload.Tests.EndToEnd;

/// <summary>A directory upload in a child process killed mid-tree, then run again: nothing complete is sent twice.</summary>
public sealed class DirectoryKillTests
{
    private const int P = EndToEndHarness.PartSize;

    [Fact]
    public async Task AKilledTreeUploadResumesWithoutResendingCompletedFilesOrParts()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string root = DirectoryTestKit.CreateTree(
            harness, "tree", ("a0.bin", 1000), ("a1.bin", 1001), ("a2/x.bin", 1002), ("a3.bin", 0), ("b-big.bin", 6 * P), ("c-big.bin", (3 * P) + 1), ("d.bin", 500));

        // One file and one part at a time: the child is killed while part 3 of b-big.bin is held by the server.
        OssFault held = harness.Server.Faults.Hold(OssOperationKind.UploadPart, partNumber: 3);
        using (ChildUploader child = ChildUploader.StartDirectory(harness, "", root, concurrency: 1))
        {
            await child.WaitWhileRunningAsync(held.WaitForTriggerAsync());
            await child.KillAsync();
            Assert.DoesNotContain("completed", child.Output, StringComparison.Ordinal);
        }

        held.Release();

        // The killed child's held request is recorded only once the server has finished with it: wait for that record,
        // or it would land after the boundary below and count as sent by the second run.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!harness.Server.Requests.Snapshot().Any(r => r.ObjectKey == "b-big.bin" && r.Operation == OssOperationKind.UploadPart && r.PartNumber == 3))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "the held request of the killed child was never recorded");
            await Task.Delay(10);
        }

        IReadOnlyList<OssRequestRecord> firstRun = harness.Server.Requests.Snapshot();
        Assert.Equal([1, 2], firstRun.Where(r => r.ObjectKey == "b-big.bin" && r.Operation == OssOperationKind.UploadPart && r.StatusCode == 200).Select(r => r.PartNumber!.Value).Order());
        Assert.Null(harness.Server.GetObject(EndToEndHarness.Bucket, "c-big.bin"));
        long before = DirectoryTestKit.LastSequence(harness);

        DirectoryUploadResult second = await harness.CreateClient().UploadDirectoryAsync(DirectoryTestKit.Request(root, concurrency: 2, checkpointDirectory: harness.CheckpointDirectory));

        Assert.Equal(
            [("a0.bin", DirectoryUploadOutcome.Skipped), ("a1.bin", DirectoryUploadOutcome.Skipped), ("a2/x.bin", DirectoryUploadOutcome.Skipped), ("a3.bin", DirectoryUploadOutcome.Skipped),
             ("b-big.bin", DirectoryUploadOutcome.Uploaded), ("c-big.bin", DirectoryUploadOutcome.Uploaded), ("d.bin", DirectoryUploadOutcome.Uploaded)],
            second.Files.Select(f => (f.RelativePath, f.Outcome)));
        IReadOnlyList<OssRequestRecord> secondRun = [.. harness.Server.Requests.Snapshot().Where(r => r.Sequence > before)];
        IEnumerable<OssRequestRecord> bodies = secondRun.Where(r => r.Operation is OssOperationKind.PutObject or OssOperationKind.UploadPart);
        Assert.DoesNotContain(bodies, r => r.ObjectKey!.StartsWith('a'));
        Assert.Equal([3, 4, 5, 6], bodies.Where(r => r.ObjectKey == "b-big.bin").Select(r => r.PartNumber!.Value).Order());
        Assert.Equal((4 * P) + (3 * P) + 1 + 500, bodies.Sum(r => r.BodyBytesReceived));
        Assert.Equal(2 * P, second.Files.Single(f => f.RelativePath == "b-big.bin").Result!.ResumedBytes);
        foreach (DirectoryUploadEntry entry in second.Files)
        {
            byte[] local = File.ReadAllBytes(Path.Combine(root, entry.RelativePath));
            Assert.Equal(EndToEndHarness.Crc64(local), harness.Server.GetObject(EndToEndHarness.Bucket, entry.ObjectKey)!.HashCrc64Ecma);
        }

        Assert.Empty(harness.Server.GetUploads(EndToEndHarness.Bucket));
        Assert.DoesNotContain(harness.CheckpointDirectoryEntries(), e => !e.EndsWith(".lock", StringComparison.Ordinal));
    }
}
