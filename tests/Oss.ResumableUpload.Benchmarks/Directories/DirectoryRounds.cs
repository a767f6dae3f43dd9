using System.Globalization;
using Oss.ResumableUpload.Benchmarks.WholeProcess;

namespace Oss.ResumableUpload.Benchmarks.Directories;

/// <summary>The connections a directory contender uploads through: the signed library client and a bare HttpClient, both to the sink.</summary>
internal sealed record DirectoryClients(OssClient Client, HttpClient Http, string Endpoint);

/// <summary>
/// The harness both directory benchmarks share: one discard-mode sink in its own process, one library client and one
/// bare HttpClient for the whole run, <c>--warmup</c> unmeasured rounds and then <c>--repeats</c> measured ones, each
/// to a fresh key prefix, the contenders' order rotated by one every other round (the last goes first) so that none
/// always runs first. The load average is read before and after; the report goes to stdout and <c>--output</c>.
/// </summary>
internal static class DirectoryRounds
{
    public static async Task<int> RunAsync<TRun>(
        BenchmarkArguments arguments,
        IReadOnlyList<string> contenders,
        Func<string, DirectoryClients, string, Task<TRun>> measure,
        Func<TRun, string> describe,
        Action<string, TRun> check,
        Func<Dictionary<string, List<TRun>>, string, string, string> report)
    {
        string loadBefore = LoadAverage();
        Dictionary<string, List<TRun>> runs = contenders.ToDictionary(c => c, _ => new List<TRun>());
        string[] rotated = [contenders[^1], .. contenders.Take(contenders.Count - 1)];

        await using (SinkSession sink = await SinkSession.StartAsync(new LinkSettings(TimeSpan.Zero, 0)))
        {
            using var client = new OssClient(new OssClientOptions
            {
                Endpoint = new Uri(sink.Endpoint),
                Region = "cn-hangzhou",
                Credentials = new StaticCredentialsProvider("LTAI-bench-access-key", "bench-secret-not-a-real-one"),
            });
            using var http = new HttpClient(new SocketsHttpHandler()) { Timeout = Timeout.InfiniteTimeSpan };
            var clients = new DirectoryClients(client, http, sink.Endpoint);
            for (int round = -arguments.Warmup; round < arguments.Repeats; round++)
            {
                string prefix = string.Create(CultureInfo.InvariantCulture, $"r{round + arguments.Warmup}/");
                foreach (string contender in (round & 1) == 0 ? contenders : rotated)
                {
                    TRun run = await measure(contender, clients, prefix);
                    Console.Error.WriteLine($"  {contender} {(round < 0 ? "warm-up" : $"#{round + 1}")}: {describe(run)}");
                    check(contender, run);
                    if (round >= 0)
                    {
                        runs[contender].Add(run);
                    }
                }
            }
        }

        string text = report(runs, loadBefore, LoadAverage());
        Console.WriteLine(text);
        if (arguments.Output is { } output)
        {
            await File.WriteAllTextAsync(output, text);
        }

        return 0;
    }

    private static string LoadAverage()
        => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
