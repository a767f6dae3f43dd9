using System.Globalization;
using System.Runtime;

namespace Oss.ResumableUpload.Benchmarks.WholeProcess;

/// <summary>
/// What an upload child says about itself on its last line, just before it exits: how long the upload call took
/// inside the process, its own CPU time, its peak resident set, the JIT's and the GC's work, and whether the library
/// assembly was loaded at all (it must not be for the bare loop), and the most parts it had in flight at once (the
/// library's <see cref="ResumableUploadResult.PeakConcurrency"/>; the loop's fixed concurrency).
/// </summary>
internal sealed record ChildReport(
    double UploadSeconds,
    double MainSeconds,
    double SelfCpuSeconds,
    long PeakResidentBytes,
    long JitCompiledMethods,
    double JitSeconds,
    long AllocatedBytes,
    int Gen0Collections,
    int Gen2Collections,
    bool LibraryLoaded,
    int PeakConcurrency)
{
    public const string Prefix = "CHILD-REPORT ";

    /// <summary>Measures this process now.</summary>
    public static ChildReport Capture(double uploadSeconds, double mainSeconds, int peakConcurrency)
    {
        (double user, double system) = SelfUsage.Self();
        bool libraryLoaded = AppDomain.CurrentDomain.GetAssemblies().Any(a => a.GetName().Name == "Oss.ResumableUpload");
        return new ChildReport(
            uploadSeconds,
            mainSeconds,
            user + system,
            SelfUsage.PeakResidentBytes(),
            JitInfo.GetCompiledMethodCount(),
            JitInfo.GetCompilationTime().TotalSeconds,
            GC.GetTotalAllocatedBytes(),
            GC.CollectionCount(0),
            GC.CollectionCount(2),
            libraryLoaded,
            peakConcurrency);
    }

    public string Format() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Prefix}{UploadSeconds:R} {MainSeconds:R} {SelfCpuSeconds:R} {PeakResidentBytes} {JitCompiledMethods} {JitSeconds:R} {AllocatedBytes} {Gen0Collections} {Gen2Collections} {LibraryLoaded} {PeakConcurrency}");

    public static ChildReport Parse(string line)
    {
        string[] f = line.Split(' ');
        static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);
        static long L(string s) => long.Parse(s, CultureInfo.InvariantCulture);
        return new ChildReport(D(f[0]), D(f[1]), D(f[2]), L(f[3]), L(f[4]), D(f[5]), L(f[6]), (int)L(f[7]), (int)L(f[8]), bool.Parse(f[9]), (int)L(f[10]));
    }
}
