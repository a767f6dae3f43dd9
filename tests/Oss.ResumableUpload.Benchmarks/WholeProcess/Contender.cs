using System.Globalization;

namespace Oss.ResumableUpload.Benchmarks.WholeProcess;

/// <summary>
/// One uploader configuration: the library or the bare loop, with a part size and concurrency, or null for the
/// defaults; for the library, <paramref name="Adaptive"/> false turns AdaptiveConcurrency off (null: the default, on).
/// </summary>
internal sealed record Contender(string Mode, long? PartSize, int? Concurrency, bool? Adaptive = null)
{
    public string Label => Mode == "loop" ? "bare loop" + Settings : "library" + Settings;

    public string Settings => PartSize is null && Concurrency is null ? (Adaptive == false ? " (defaults, adaptive off)" : " (defaults)")
        : string.Create(CultureInfo.InvariantCulture, $" ({BenchmarkArguments.FormatSize(PartSize ?? BareLoopUpload.DefaultPartSize)} x {Concurrency ?? BareLoopUpload.DefaultConcurrency}{(Adaptive == false ? ", adaptive off" : string.Empty)})");

    /// <summary>The library and the loop with the part size and concurrency given on the command line, or the defaults.</summary>
    public static (Contender Library, Contender Loop) Pair(BenchmarkArguments arguments)
    {
        long? partSize = arguments.PartSizeGiven ? arguments.PartSize : null;
        int? concurrency = arguments.ConcurrencyGiven ? arguments.Concurrency : null;
        return (new Contender("library", partSize, concurrency), new Contender("loop", partSize, concurrency));
    }

    /// <summary>Fails when the loop's restated defaults have drifted from the library's.</summary>
    public static void CheckDefaults()
    {
        ResumableUploadRequest defaults = LibraryUpload.Defaults();
        if (defaults.PartSize != BareLoopUpload.DefaultPartSize || defaults.MaxConcurrency != BareLoopUpload.DefaultConcurrency)
        {
            throw new InvalidOperationException($"the library's defaults are now {defaults.PartSize} x {defaults.MaxConcurrency}: update BareLoopUpload.DefaultPartSize and DefaultConcurrency");
        }
    }
}
