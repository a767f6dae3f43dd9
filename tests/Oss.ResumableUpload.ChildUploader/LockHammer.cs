using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Oss.ResumableUpload;

/// <summary>
/// <c>lock-hammer &lt;checkpointDir&gt; &lt;bucket&gt; &lt;key&gt; &lt;markerFile&gt; &lt;rounds&gt;</c>: takes and releases the
/// <see cref="FileCheckpointStore"/> lock of one object <c>rounds</c> times, as fast as it can, while other processes
/// do the same. Inside the lock it creates <c>markerFile</c> with O_CREAT|O_EXCL and removes it before releasing; if
/// the marker already exists, another process is inside too, and that is counted as a violation.
/// </summary>
/// <remarks>
/// Prints <c>ready</c>, waits for a line on stdin (so that every process starts hammering at once), then prints
/// <c>done &lt;acquired&gt; &lt;contended&gt; &lt;violations&gt;</c>, or <c>error &lt;message&gt;</c>.
/// </remarks>
internal static class LockHammer
{
    public const string Mode = "lock-hammer";

    private static readonly TimeSpan s_hold = TimeSpan.FromMilliseconds(0.2);

    public static int Run(string[] args)
    {
        if (args.Length != 5)
        {
            Console.Error.WriteLine("usage: lock-hammer <checkpointDir> <bucket> <key> <markerFile> <rounds>");
            return 2;
        }

        var store = new FileCheckpointStore(args[0]);
        string bucket = args[1];
        string key = args[2];
        string marker = args[3];
        int rounds = int.Parse(args[4], CultureInfo.InvariantCulture);
        Func<IDisposable> acquire = BindAcquireLock(store, bucket, key);

        Console.Out.WriteLine("ready");
        Console.Out.Flush();
        _ = Console.In.ReadLine();

        int acquired = 0;
        int contended = 0;
        int violations = 0;
        var deadline = Stopwatch.StartNew();
        while (acquired < rounds)
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(30))
            {
                Console.Out.WriteLine($"error timed out after {acquired} rounds");
                return 1;
            }

            IDisposable held;
            try
            {
                held = acquire();
            }
            catch (OssClientException ex) when (ex.ErrorCode == OssClientErrorCode.CheckpointLocked)
            {
                contended++;
                Thread.Yield();
                continue;
            }

            using (held)
            {
                acquired++;
                if (TryEnter(marker))
                {
                    SpinFor(s_hold);
                    File.Delete(marker);
                }
                else
                {
                    violations++;
                }
            }
        }

        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"done {acquired} {contended} {violations}"));
        return 0;
    }

    private static bool TryEnter(string marker)
    {
        try
        {
            File.Open(marker, FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete).Dispose();
            return true;
        }
        catch (IOException) when (File.Exists(marker))
        {
            return false;
        }
    }

    private static void SpinFor(TimeSpan time)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < time)
        {
            Thread.SpinWait(20);
        }
    }

    /// <summary>The lock provider is internal to the library; this test tool reaches it by reflection.</summary>
    private static Func<IDisposable> BindAcquireLock(FileCheckpointStore store, string bucket, string key)
    {
        Type provider = typeof(FileCheckpointStore).Assembly.GetType("Oss.ResumableUpload.Checkpoints.ICheckpointLockProvider", throwOnError: true)!;
        MethodInfo method = provider.GetMethod("AcquireLock")!;
        return () => (IDisposable)method.Invoke(store, BindingFlags.DoNotWrapExceptions, binder: null, [bucket, key], culture: null)!;
    }
}
