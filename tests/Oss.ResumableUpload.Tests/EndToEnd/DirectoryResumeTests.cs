using Oss.ResumableUpload.Testing;

namespace Oss.ResumableUpload.Tests.EndToEnd;

/// <summary>Directory uploads that skip what the server already holds: SkipUnchanged, and a second run after a cancel.</summary>
public sealed class DirectoryResumeTests
{
    private const int P = EndToEndHarness.PartSize;

    [Fact]
    public async Task ARerunWithSkipUnchangedOverASyncedTreeSendsNoFileBytes()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string root = DirectoryTestKit.CreateTree(harness, "tree", ("a.bin", 1000), ("b/c.bin", (2 * P) + 3), ("b/empty", 0), ("d.bin", 5000));
        OssClient client = harness.CreateClient();
        await client.UploadDirectoryAsync(DirectoryTestKit.Request(root));

        // Same size, other bytes: only the CRC-64 tells it apart.
        byte[] changed = File.ReadAllBytes(Path.Combine(root, "d.bin"));
        changed[10] ^= 0xFF;
        File.WriteAllBytes(Path.Combine(root, "d.bin"), changed);
        long before = DirectoryTestKit.LastSequence(harness);

        DirectoryUploadResult rerun = await client.UploadDirectoryAsync(new UploadDirectoryRequest
        {
            LocalDirectory = root,
            BucketName = EndToEndHarness.Bucket,
            PartSize = P,
            SkipUnchanged = true,
        });

        Assert.Equal(
            [("a.bin", DirectoryUploadOutcome.Skipped), ("b/c.bin", DirectoryUploadOutcome.Skipped), ("b/empty", DirectoryUploadOutcome.Skipped), ("d.bin", DirectoryUploadOutcome.Uploaded)],
            rerun.Files.Select(f => (f.RelativePath, f.Outcome)));
        IReadOnlyList<OssRequestRecord> sent = [.. harness.Server.Requests.Snapshot().Where(r => r.Sequence > before)];
        Assert.Equal(changed.Length, sent.Where(r => r.Operation is OssOperationKind.PutObject or OssOperationKind.UploadPart).Sum(r => r.BodyBytesReceived));
        Assert.Equal(["d.bin"], sent.Where(r => r.Operation is OssOperationKind.PutObject or OssOperationKind.UploadPart).Select(r => r.ObjectKey));
        foreach (string key in new[] { "a.bin", "b/c.bin", "b/empty" })
        {
            Assert.Equal([OssOperationKind.HeadObject], sent.Where(r => r.ObjectKey == key).Select(r => r.Operation));
        }

        Assert.Equal(EndToEndHarness.Crc64(changed), harness.Server.GetObject(EndToEndHarness.Bucket, "d.bin")!.HashCrc64Ecma);
    }

    [Fact]
    public async Task ASecondRunAfterACancelSkipsCompletedFilesAndResumesTheOneInFlight()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string root = DirectoryTestKit.CreateTree(
            harness, "tree", ("a0.bin", 700), ("a1.bin", 800), ("a2.bin", P + 9), ("b-big.bin", 5 * P), ("c-big.bin", (4 * P) + 1), ("d.bin", 900));
        using var cancel = new CancellationTokenSource();
        var handler = new TrafficHandler
        {
            BeforeSend = request =>
            {
                if (request.RequestUri!.AbsolutePath.EndsWith("/b-big.bin", StringComparison.Ordinal) && EndToEndHarness.PartNumberOf(request) == 3)
                {
                    cancel.Cancel();
                }
            },
        };
        (OssClient first, IDisposable scope) = DirectoryTestKit.CreateClient(harness, handler);
        using (scope)
        {
            // One file and one part at a time: a0, a1, a2 complete, b-big has parts 1 and 2 when the cancel comes.
            await Assert.ThrowsAnyAsync<OperationCanceledException>(
                () => first.UploadDirectoryAsync(DirectoryTestKit.Request(root, concurrency: 1, checkpointDirectory: harness.CheckpointDirectory), cancel.Token));
        }

        Assert.Single(harness.Server.GetUploads(EndToEndHarness.Bucket)); // KeepForResume is the default with a checkpoint directory
        Assert.Single(Directory.GetFiles(harness.CheckpointDirectory, "tree-*.manifest"));
        long before = DirectoryTestKit.LastSequence(harness);

        DirectoryUploadResult second = await harness.CreateClient().UploadDirectoryAsync(DirectoryTestKit.Request(root, concurrency: 2, checkpointDirectory: harness.CheckpointDirectory));

        Assert.Equal(
            [DirectoryUploadOutcome.Skipped, DirectoryUploadOutcome.Skipped, DirectoryUploadOutcome.Skipped, DirectoryUploadOutcome.Uploaded, DirectoryUploadOutcome.Uploaded, DirectoryUploadOutcome.Uploaded],
            second.Files.Select(f => f.Outcome));
        foreach (string key in new[] { "a0.bin", "a1.bin", "a2.bin" })
        {
            Assert.Equal(0, DirectoryTestKit.BodyBytesFor(harness, key, before));
        }

        ResumableUploadResult big = second.Files.Single(f => f.RelativePath == "b-big.bin").Result!;
        Assert.True(big.Resumed);
        Assert.Equal(2 * P, big.ResumedBytes);
        Assert.Equal([3, 4, 5], harness.Server.Requests.Snapshot().Where(r => r.Sequence > before && r.ObjectKey == "b-big.bin" && r.Operation == OssOperationKind.UploadPart).Select(r => r.PartNumber!.Value).Order());
        Assert.Equal(
            (3 * P) + ((4 * P) + 1) + 900,
            harness.Server.Requests.Snapshot().Where(r => r.Sequence > before && r.Operation is OssOperationKind.PutObject or OssOperationKind.UploadPart).Sum(r => r.BodyBytesReceived));
        foreach (DirectoryUploadEntry entry in second.Files)
        {
            OssStoredObject stored = harness.Server.GetObject(EndToEndHarness.Bucket, entry.ObjectKey)!;
            Assert.Equal(EndToEndHarness.Crc64(File.ReadAllBytes(Path.Combine(root, entry.RelativePath))), stored.HashCrc64Ecma);
        }

        Assert.Empty(harness.Server.GetUploads(EndToEndHarness.Bucket));
        Assert.Empty(Directory.GetFiles(harness.CheckpointDirectory, "tree-*.manifest")); // the whole tree is done
        Assert.Empty(harness.CheckpointFiles());
    }

    [Fact]
    public async Task AGarbledManifestIsIgnoredAndNeverSkipsAFile()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string root = DirectoryTestKit.CreateTree(harness, "tree", ("a.bin", 100), ("b.bin", 200));
        Directory.CreateDirectory(harness.CheckpointDirectory);
        string manifest = Path.Combine(
            harness.CheckpointDirectory,
            global::Oss.ResumableUpload.Directories.DirectoryManifest.FileName(EndToEndHarness.Bucket, "", Path.TrimEndingDirectorySeparator(Path.GetFullPath(root))));
        File.WriteAllText(manifest, "{\"version\":1,\"files\":{\"a.bin\":{\"size\":-5,\"etag\":\"x\"}} garbage");

        DirectoryUploadResult result = await harness.CreateClient().UploadDirectoryAsync(DirectoryTestKit.Request(root, checkpointDirectory: harness.CheckpointDirectory));

        Assert.All(result.Files, f => Assert.Equal(DirectoryUploadOutcome.Uploaded, f.Outcome));
        Assert.False(File.Exists(manifest));
    }

    [Fact]
    public async Task AManifestRecordIsTrustedOnlyWhileTheServerStillHoldsTheObject()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string root = DirectoryTestKit.CreateTree(harness, "tree", ("a.bin", 100), ("b.bin", 200));
        var handler = new TrafficHandler { FailingKey = "b.bin" };
        (OssClient failing, IDisposable scope) = DirectoryTestKit.CreateClient(harness, handler);
        using (scope)
        {
            DirectoryUploadResult first = await failing.UploadDirectoryAsync(DirectoryTestKit.Request(root, checkpointDirectory: harness.CheckpointDirectory));
            Assert.False(first.Succeeded);
        }

        // The manifest records a.bin; the object disappears behind its back.
        Assert.Single(Directory.GetFiles(harness.CheckpointDirectory, "tree-*.manifest"));
        await harness.CreateClient().PutObjectAsync(new PutObjectRequest { BucketName = EndToEndHarness.Bucket, ObjectKey = "a.bin", Content = new MemoryStream([1, 2, 3]) });

        DirectoryUploadResult second = await harness.CreateClient().UploadDirectoryAsync(DirectoryTestKit.Request(root, checkpointDirectory: harness.CheckpointDirectory));

        Assert.Equal([DirectoryUploadOutcome.Uploaded, DirectoryUploadOutcome.Uploaded], second.Files.Select(f => f.Outcome));
        Assert.Equal(100, harness.Server.GetObject(EndToEndHarness.Bucket, "a.bin")!.Size);
    }
}
