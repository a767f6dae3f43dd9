using System.Globalization;
using System.Runtime.InteropServices;

namespace Oss.ResumableUpload.Benchmarks.WholeProcess;

/// <summary>
/// Linux resource usage: <c>getrusage</c> for the CPU time of this process or of its reaped children, and
/// <c>/proc/self/status</c> for the peak resident set (VmHWM).
/// </summary>
internal static partial class SelfUsage
{
    private const int RusageSelf = 0;
    private const int RusageChildren = -1;

    /// <summary>User and system CPU seconds of this process so far.</summary>
    public static (double User, double System) Self() => Get(RusageSelf);

    /// <summary>
    /// User and system CPU seconds of all children of this process that have ended and been reaped (the runtime reaps
    /// a <see cref="System.Diagnostics.Process"/> before its exit is reported). The difference across one child's life,
    /// with no other child ending meanwhile, is that child's whole CPU time, start-up and shut-down included.
    /// </summary>
    public static (double User, double System) ReapedChildren() => Get(RusageChildren);

    /// <summary>The peak resident set size of this process in bytes (VmHWM), or -1 where /proc is missing.</summary>
    public static long PeakResidentBytes()
    {
        const string path = "/proc/self/status";
        if (!File.Exists(path))
        {
            return -1;
        }

        foreach (string line in File.ReadLines(path))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                string kilobytes = line["VmHWM:".Length..].Trim().Split(' ')[0];
                return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
            }
        }

        return -1;
    }

    private static (double User, double System) Get(int who)
    {
        if (getrusage(who, out RUsage usage) != 0)
        {
            throw new InvalidOperationException($"getrusage failed with errno {Marshal.GetLastPInvokeError()}");
        }

        return (usage.UserSeconds + (usage.UserMicroseconds / 1e6), usage.SystemSeconds + (usage.SystemMicroseconds / 1e6));
    }

    [LibraryImport("libc", EntryPoint = "getrusage", SetLastError = true)]
    private static partial int getrusage(int who, out RUsage usage);

    /// <summary>struct rusage on 64-bit Linux: two timevals, then 14 longs.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct RUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        public long MaxRss;
        public long IxRss;
        public long IdRss;
        public long IsRss;
        public long MinFlt;
        public long MajFlt;
        public long NSwap;
        public long InBlock;
        public long OuBlock;
        public long MsgSnd;
        public long MsgRcv;
        public long NSignals;
        public long NVcsw;
        public long NIvcsw;
    }
}
