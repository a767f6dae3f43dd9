using BenchmarkDotNet.Running;
using Oss.ResumableUpload.Benchmarks;
using Oss.ResumableUpload.Benchmarks.EndToEnd;
using Oss.ResumableUpload.Benchmarks.Scenarios;
using Oss.ResumableUpload.Benchmarks.WholeProcess;

// dotnet run -c Release --project tests/Oss.ResumableUpload.Benchmarks -- <command> [options]
//   e2e        engine vs bare HttpClient loop, end to end, client measured in its own process
//   sweep      e2e over concurrency 1,2,4,8 and part size 1,8,32 MiB; writes docs/performance-chart.svg
//   scenarios  resume start (10,000 parts), cancel latency, checkpoint bytes written
//   micro      BenchmarkDotNet micro-benchmarks (signing, hashing, ListParts parsing, checkpoint save)
//   process    library vs bare loop as whole processes (spawn to exit): throughput, CPU, peak working set, JIT
//   process-ws peak working set of whole-process runs against file size (256 MiB..4 GiB)
//   far-link   uploads through an emulated far link (--rtt, --bandwidth): link utilization, defaults and a grid
//   hash-cold  MD5 + CRC-64 per part in a fresh process: 64 KiB slices (before) against one call per part (now)
//   directory  a tree of --files (10,000) small files: UploadDirectoryAsync vs a bare 8-worker PutObject loop, and a SkipUnchanged re-run
//   chart      SVG of process / far-link CSVs: --input a.csv [--input b.csv ...] --output chart.svg [--title TEXT]
//   server / client / upload-child   child processes used by e2e and process
string command = args.Length > 0 ? args[0] : "e2e";
string[] rest = args.Length > 0 ? args[1..] : [];
return command switch
{
    "e2e" => await EndToEndBenchmark.RunAsync(BenchmarkArguments.Parse(rest)),
    "sweep" => await SweepBenchmark.RunAsync(BenchmarkArguments.Parse(rest)),
    "server" => await ServerProcess.RunAsync(BenchmarkArguments.Parse(rest)),
    "client" => await ClientProcess.RunAsync(BenchmarkArguments.Parse(rest)),
    "hash-cold" => await ColdHashing.RunAsync(BenchmarkArguments.Parse(rest)),
    "hash-cold-child" => ColdHashing.RunChild(rest),
    "upload-child" => await UploadChild.RunAsync(rest),
    "process" => await ProcessBenchmark.RunAsync(BenchmarkArguments.Parse(rest)),
    "process-ws" => await WorkingSetSweep.RunAsync(BenchmarkArguments.Parse(rest)),
    "far-link" => await FarLinkBenchmark.RunAsync(BenchmarkArguments.Parse(rest)),
    "directory" => await Oss.ResumableUpload.Benchmarks.Directories.DirectoryBenchmark.RunAsync(BenchmarkArguments.Parse(rest)),
    "chart" => await Oss.ResumableUpload.Benchmarks.Charts.ChartCommand.RunAsync(rest),
    "scenarios" => await ScenarioBenchmarks.RunAsync(BenchmarkArguments.Parse(rest)),
    "micro" => RunMicro(rest),
    _ => Fail($"unknown command '{command}'"),
};

static int RunMicro(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(EndToEndBenchmark).Assembly).Run(args);
    return 0;
}

static int Fail(string message)
{
    Console.Error.WriteLine(message);
    return 2;
}
