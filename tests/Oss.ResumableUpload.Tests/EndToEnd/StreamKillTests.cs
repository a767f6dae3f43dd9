using Oss.ResumableUpload.Testing;

namespace Oss.ResumableUpload.Tests.EndToEnd;

/// <summary>A seekable stream with an identity, uploaded by a child process that is killed, resumes in another process.</summary>
public sealed class StreamKillTests
{
    private const int P = EndToEndHarness.PartSize;

    [Fact]
    public async Task AStreamUploadKilledInAChildResumesAndSendsOnlyTheMissingParts()
    {
        const int partCount = 12;
        const int concurrency = 2;
        const int fastParts = 6;
        const string key = "killed/stream.bin";
        const string identity = "upload.bin@v1";
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile((partCount * P) - 321, seed: 93);

        // Parts 1-6 go through; later parts wait on the server until their connection closes (the kill).
        var held = new Dictionary<int, OssFault>();
        for (int part = fastParts + 1; part <= partCount; part++)
        {
            held[part] = harness.Server.Faults.Delay(OssOperationKind.UploadPart, TimeSpan.FromMinutes(5), OssFaultInjector.Always, part);
        }

        using (ChildUploader child = ChildUploader.Start(harness, key, path, concurrency, identity))
        {
            await child.WaitForLineAsync(line => line == "started");
            await child.WaitWhileRunningAsync(Task.WhenAll(held[fastParts + 1].WaitForTriggerAsync(), held[fastParts + 2].WaitForTriggerAsync()));
            await child.KillAsync();
            Assert.DoesNotContain("completed", child.Output, StringComparison.Ordinal);
        }

        harness.Server.Faults.Clear();
        OssStoredUpload interrupted = Assert.Single(harness.Server.GetUploads());
        Assert.Equal(Enumerable.Range(1, fastParts), interrupted.Parts.Select(p => p.PartNumber));
        Assert.Single(harness.CheckpointFiles());
        long[] receivedBeforeResume = Enumerable.Range(1, partCount).Select(p => harness.Server.GetPartBytesReceived(interrupted.UploadId, p)).ToArray();

        await using FileStream stream = File.OpenRead(path);
        ResumableUploadResult result = await harness.CreateClient().ResumableUploadAsync(new ResumableUploadRequest
        {
            BucketName = EndToEndHarness.Bucket,
            ObjectKey = key,
            UploadStream = stream,
            UploadStreamIdentity = identity,
            PartSize = P,
            MaxConcurrency = concurrency,
            CheckpointDirectory = harness.CheckpointDirectory,
        });

        Assert.True(result.Resumed);
        Assert.Equal(interrupted.UploadId, result.UploadId);
        Assert.Equal(fastParts * (long)P, result.ResumedBytes);
        await harness.AssertStoredAsync(key, File.ReadAllBytes(path), result);

        // Parts 1-6 were not sent again; the resumed run sent each missing part once (the killed run's held parts
        // never finished their bodies, so what the server counts beyond the object's length is at most those).
        for (int part = 1; part <= fastParts; part++)
        {
            Assert.Equal(receivedBeforeResume[part - 1], harness.Server.GetPartBytesReceived(result.UploadId!, part));
        }

        long length = new FileInfo(path).Length;
        long sentAgain = harness.Server.GetPartBytesReceived(result.UploadId!) - length;
        Assert.InRange(sentAgain, 0, (concurrency + 1) * (long)P);
        Assert.Equal(partCount - fastParts, harness.Server.Requests.Of(OssOperationKind.UploadPart).Count(r => r.StatusCode == 200 && r.UploadId == result.UploadId && r.PartNumber > fastParts));
        Assert.Empty(harness.CheckpointFiles());
    }
}
