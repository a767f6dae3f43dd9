using System.Runtime.InteropServices;

namespace Oss.ResumableUpload.Cli;

/// <summary>
/// Ctrl+C and SIGTERM: the first one cancels <see cref="Token"/> so the command can stop cleanly (keeping the upload
/// for a resume); a second one ends the process at once with exit code 130.
/// </summary>
internal sealed class Interrupt : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration? _terminate;
    private readonly Action _onFirst;
    private int _count;

    public Interrupt(Action onFirst)
    {
        _onFirst = onFirst;
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle);
        _terminate = OperatingSystem.IsWindows() ? null : PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle);
    }

    /// <summary>Gets the token cancelled by the first Ctrl+C or SIGTERM.</summary>
    public CancellationToken Token => _cancel.Token;

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate?.Dispose();
        _cancel.Dispose();
    }

    private void Handle(PosixSignalContext context)
    {
        context.Cancel = true;
        if (Interlocked.Increment(ref _count) > 1)
        {
            Console.Out.Flush();
            Environment.Exit(ExitCodes.Cancelled);
            return;
        }

        _onFirst();

        // Cancel off the signal thread: cancellation callbacks may take a while.
        _ = Task.Run(() =>
        {
            try
            {
                _cancel.Cancel();
            }
            catch (ObjectDisposedException)
            {
            }
        });
    }
}
