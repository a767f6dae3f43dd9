using System.Diagnostics;
using System.Globalization;
using Oss.ResumableUpload.Testing;
using Xunit.Abstractions;

namespace Oss.ResumableUpload.Tests.EndToEnd;

/// <summary>
/// The randomized kill-and-resume run: a real child process uploads and is killed (SIGKILL) at a random moment: any
/// time during the run, while the server holds its Complete, or after the server completed but before the reply.
/// Then the same request runs again. Every round must end with the file's exact bytes stored, at most
/// (MaxConcurrency + 1) parts sent twice, no upload left on the server and nothing left in the checkpoint directory.
/// </summary>
/// <remarks>
/// The random moment is a random delay after a randomly chosen request of the upload reaches the server.
/// The default test run does <see cref="DefaultRounds"/> rounds. Set <c>OSS_RANDOM_KILL_ROUNDS</c> (and optionally
/// <c>OSS_RANDOM_KILL_SEED</c>) for a long run; docs/resumability.md gives the numbers of a 50-round run.
/// </remarks>
public sealed class RandomKillTests(ITestOutputHelper output)
{
    private const int DefaultRounds = 6;
    private const int P = EndToEndHarness.PartSize;
    private const int PartCount = 16;
    private const int Concurrency = 2;

    private enum KillMoment
    {
        AnyTime,
        WhileCompleteIsHeld,
        AfterCompleteBeforeReply,
    }

    [Fact]
    public async Task EveryRandomKillEndsWithTheFileStoredAndNothingLeft()
    {
        int rounds = ReadInt("OSS_RANDOM_KILL_ROUNDS") ?? DefaultRounds;
        int seed = ReadInt("OSS_RANDOM_KILL_SEED") ?? Environment.TickCount;
        output.WriteLine($"rounds {rounds}, seed {seed}");
        var random = new Random(seed);
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile(PartCount * P, seed: seed);
        byte[] content = File.ReadAllBytes(path);
        TimeSpan fullRun = await MeasureFullRunAsync(harness, path);
        output.WriteLine($"an uninterrupted child run takes {fullRun.TotalMilliseconds:F0} ms");

        var counts = new Dictionary<string, int>();
        long maxResent = 0;
        for (int round = 1; round <= rounds; round++)
        {
            string key = $"random-kill/{round}.bin";
            KillMoment moment = (round % 4) switch { 1 => KillMoment.WhileCompleteIsHeld, 2 => KillMoment.AfterCompleteBeforeReply, _ => KillMoment.AnyTime };
            int before = harness.Server.Requests.Count;
            string outcome = await KillChildAsync(harness, key, path, moment, fullRun, random);

            ResumableUploadResult result = await harness.CreateClient().ResumableUploadAsync(harness.Request(path, key, concurrency: Concurrency));

            await harness.AssertStoredAsync(key, content, result);
            Assert.Empty(harness.Server.GetUploads());
            string[] left = harness.CheckpointDirectoryEntries();
            Assert.True(left.Length == 0, $"Round {round} ({moment}, {outcome}) left {string.Join(", ", left.Select(Path.GetFileName))}.");
            OssRequestRecord[] records = harness.Server.Requests.Snapshot().Skip(before).Where(r => r.ObjectKey == key).ToArray();
            long partBytes = records.Where(r => r.Operation == OssOperationKind.UploadPart).Sum(r => r.BodyBytesReceived);
            long resent = outcome == "completed before the kill" ? 0 : partBytes - content.Length;
            Assert.True(resent <= (Concurrency + 1) * (long)P, $"Round {round} ({moment}, {outcome}) sent {resent} bytes again.");
            maxResent = Math.Max(maxResent, resent);
            string label = $"{moment}: {outcome}";
            counts[label] = counts.GetValueOrDefault(label) + 1;
        }

        foreach ((string label, int count) in counts.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{count,4} x {label}");
        }

        output.WriteLine($"most bytes sent again after one kill: {maxResent} (bound {(Concurrency + 1) * (long)P})");
    }

    /// <summary>How long an uninterrupted child takes from its "started" line to its "completed" line (the second of two runs).</summary>
    private static async Task<TimeSpan> MeasureFullRunAsync(EndToEndHarness harness, string path)
    {
        TimeSpan elapsed = TimeSpan.Zero;
        for (int run = 0; run < 2; run++)
        {
            OssFault latency = AddLatency(harness);
            try
            {
                using ChildUploader child = ChildUploader.Start(harness, $"random-kill/baseline-{run}.bin", path, Concurrency);
                await child.WaitForLineAsync(line => line == "started");
                var clock = Stopwatch.StartNew();
                await child.WaitForLineAsync(line => line.StartsWith("completed", StringComparison.Ordinal));
                elapsed = clock.Elapsed;
            }
            finally
            {
                latency.Cancel();
            }
        }

        return elapsed;
    }

    /// <summary>Runs a child and kills it at the chosen kind of moment; returns what the child had reached.</summary>
    private static async Task<string> KillChildAsync(EndToEndHarness harness, string key, string path, KillMoment moment, TimeSpan fullRun, Random random)
    {
        OssFault latency = AddLatency(harness);
        OssFault fault = moment switch
        {
            KillMoment.WhileCompleteIsHeld => harness.Server.Faults.Hold(OssOperationKind.CompleteMultipartUpload),
            KillMoment.AfterCompleteBeforeReply => harness.Server.Faults.HoldResponse(OssOperationKind.CompleteMultipartUpload),
            _ => PickRandomRequest(harness, random),
        };
        try
        {
            using ChildUploader child = ChildUploader.Start(harness, key, path, Concurrency);
            await child.WaitWhileRunningAsync(fault.WaitForTriggerAsync());
            if (moment == KillMoment.AfterCompleteBeforeReply)
            {
                await WaitUntilAsync(() => harness.Server.GetObject(EndToEndHarness.Bucket, key) is not null);
            }

            // Somewhere after that request arrived: within it, or in whatever the child does next.
            await Task.Delay(TimeSpan.FromMilliseconds(random.NextDouble() * (moment == KillMoment.AnyTime ? fullRun.TotalMilliseconds / PartCount * 2 : 20)));

            await child.KillAsync();
            string output = child.Output;

            // A child killed after its checkpoint was deleted had finished the upload, only not printed it yet.
            bool finished = output.Contains("completed", StringComparison.Ordinal)
                || (harness.CheckpointFiles().Length == 0 && harness.Server.GetObject(EndToEndHarness.Bucket, key) is not null && harness.Server.GetUploads().Count == 0);
            return finished ? "completed before the kill"
                : output.Contains("failed", StringComparison.Ordinal) ? "failed before the kill"
                : output.Contains("progress", StringComparison.Ordinal) ? "killed with parts sent"
                : "killed before any part";
        }
        finally
        {
            fault.Release();
            latency.Cancel();
        }
    }

    /// <summary>
    /// A random request of the upload (Initiate, any part, or Complete) whose arrival starts the kill's clock, so that the
    /// kills spread over the whole upload whatever the machine's speed.
    /// </summary>
    private static OssFault PickRandomRequest(EndToEndHarness harness, Random random)
    {
        int pick = random.Next(0, PartCount + 2);
        return pick switch
        {
            0 => harness.Server.Faults.Delay(OssOperationKind.InitiateMultipartUpload, TimeSpan.FromMilliseconds(1)),
            PartCount + 1 => harness.Server.Faults.Delay(OssOperationKind.CompleteMultipartUpload, TimeSpan.FromMilliseconds(1)),
            _ => harness.Server.Faults.Delay(OssOperationKind.UploadPart, TimeSpan.FromMilliseconds(1), partNumber: pick),
        };
    }

    /// <summary>Every part waits 15 ms on the server, like a far link, so that a random moment falls inside the upload.</summary>
    private static OssFault AddLatency(EndToEndHarness harness)
        => harness.Server.Faults.Delay(OssOperationKind.UploadPart, TimeSpan.FromMilliseconds(15), OssFaultInjector.Always);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(ChildUploader.Deadline);
        while (!condition())
        {
            await Task.Delay(5, deadline.Token);
        }
    }

    private static int? ReadInt(string name)
        => int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : null;
}
