using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Oss.ResumableUpload.Benchmarks.WholeProcess;

/// <summary>
/// A TCP proxy in user space that makes loopback look like a far link (this kernel has no netem): every byte waits
/// half the round-trip time in each direction, and each direction is one shared pipe of the given bandwidth across
/// all connections (a virtual clock: a chunk occupies the pipe for its length ÷ bandwidth, after the chunk before it,
/// whichever connection sent it). A new connection's first bytes wait one extra RTT, for the TCP handshake.
/// </summary>
/// <remarks>
/// Not emulated: TCP's own windows, slow start and loss (the proxy acknowledges at once on loopback, so the sender
/// never waits for a window; a real link with a real TCP can only be slower), and TLS handshakes. Per direction the
/// proxy reads at most <see cref="ReadAheadTicks"/> ahead of the pipe, so a sender is held back as on a real link.
/// </remarks>
internal sealed class LinkEmulator : IAsyncDisposable
{
    private const int ChunkSize = 256 * 1024;

    // 20 ms: a reader that wakes late by less than this loses no pipe time (on a loaded 2-core machine, timers fire
    // late by milliseconds); it lets a sender be up to 20 ms of bandwidth ahead, which changes no arrival time.
    private static readonly long ReadAheadTicks = Stopwatch.Frequency / 50;

    private static readonly long SlackTicks = Stopwatch.Frequency / 1000; // 1 ms: no timer is shorter

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _upstream;
    private readonly long _oneWayTicks;
    private readonly long _rttTicks;
    private readonly Pipe _up;
    private readonly Pipe _down;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;

    public LinkEmulator(Uri upstream, LinkSettings settings)
    {
        _upstream = new IPEndPoint(IPAddress.Parse(upstream.Host), upstream.Port);
        _rttTicks = (long)(settings.Rtt.TotalSeconds * Stopwatch.Frequency);
        _oneWayTicks = _rttTicks / 2;
        _up = new Pipe(settings.BytesPerSecond);
        _down = new Pipe(settings.BytesPerSecond);
        _listener.Start(512);
        var local = (IPEndPoint)_listener.LocalEndpoint;
        Endpoint = new Uri($"http://127.0.0.1:{local.Port}");
        _acceptLoop = AcceptAsync();
    }

    public Uri Endpoint { get; }

    /// <summary>Bytes carried client to server so far.</summary>
    public long BytesUp => Interlocked.Read(ref _up.Bytes);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _acceptLoop;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client = await _listener.AcceptSocketAsync(_stop.Token);
            _ = Task.Run(() => ConnectAsync(client));
        }
    }

    private async Task ConnectAsync(Socket client)
    {
        using (client)
        using (var server = new Socket(SocketType.Stream, ProtocolType.Tcp))
        {
            client.NoDelay = true;
            server.NoDelay = true;
            // Small socket buffers, so that the sender is held back near where the pipe is, not megabytes ahead.
            client.ReceiveBufferSize = ChunkSize;
            try
            {
                await server.ConnectAsync(_upstream, _stop.Token);
                long handshakeDone = Stopwatch.GetTimestamp() + _rttTicks;
                await Task.WhenAll(
                    ForwardAsync(client, server, _up, handshakeDone),
                    ForwardAsync(server, client, _down, handshakeDone));
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException or IOException)
            {
                // One side went away: close both.
            }
        }
    }

    /// <summary>Reads from one socket, sends each chunk through the shared pipe, delivers it after the one-way delay.</summary>
    private async Task ForwardAsync(Socket from, Socket to, Pipe pipe, long notBefore)
    {
        var inFlight = Channel.CreateUnbounded<(byte[]? Buffer, int Count, long Arrival)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        Task deliver = DeliverAsync(to, inFlight.Reader);
        try
        {
            while (true)
            {
                byte[] buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
                int count = await from.ReceiveAsync(buffer.AsMemory(0, ChunkSize), SocketFlags.None, _stop.Token);
                if (count == 0)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    break;
                }

                (long sent, long _) = pipe.Reserve(count, Math.Max(notBefore, Stopwatch.GetTimestamp()));
                inFlight.Writer.TryWrite((buffer, count, sent + _oneWayTicks));

                // Read no further ahead of the pipe than ReadAheadTicks; when past it, sleep until half of it is left,
                // so that a sender at full speed costs one timer per ReadAheadTicks / 2, not one per chunk.
                if (sent - Stopwatch.GetTimestamp() > ReadAheadTicks)
                {
                    await WaitUntilAsync(sent - (ReadAheadTicks / 2));
                }
            }
        }
        finally
        {
            inFlight.Writer.TryWrite((null, 0, 0));
            inFlight.Writer.TryComplete();
            await deliver;
        }
    }

    private static async Task DeliverAsync(Socket to, ChannelReader<(byte[]? Buffer, int Count, long Arrival)> inFlight)
    {
        bool broken = false;
        while (await inFlight.WaitToReadAsync())
        {
            // Sleep until the first chunk is due, then send every chunk due within the next millisecond.
            if (!inFlight.TryPeek(out (byte[]? Buffer, int Count, long Arrival) head))
            {
                continue;
            }

            await WaitUntilAsync(head.Arrival);
            long due = Stopwatch.GetTimestamp() + SlackTicks;
            while (inFlight.TryPeek(out head) && head.Arrival <= due && inFlight.TryRead(out (byte[]? Buffer, int Count, long Arrival) chunk))
            {
                if (chunk.Buffer is null)
                {
                    if (!broken)
                    {
                        ShutdownSend(to);
                    }

                    return;
                }

                try
                {
                    if (!broken)
                    {
                        await to.SendAsync(chunk.Buffer.AsMemory(0, chunk.Count), SocketFlags.None);
                    }
                }
                catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
                {
                    broken = true;
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(chunk.Buffer);
                }
            }
        }
    }

    private static void ShutdownSend(Socket socket)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException)
        {
        }
    }

    private static Task WaitUntilAsync(long timestamp)
    {
        long ahead = timestamp - Stopwatch.GetTimestamp();
        return ahead < SlackTicks ? Task.CompletedTask : Task.Delay(TimeSpan.FromSeconds(ahead / (double)Stopwatch.Frequency));
    }

    /// <summary>One direction of the link: a virtual clock of when the pipe is next free.</summary>
    private sealed class Pipe(long bytesPerSecond)
    {
        public long Bytes;

        private readonly Lock _lock = new();
        private long _freeAt;

        /// <summary>Books <paramref name="count"/> bytes on the pipe no earlier than <paramref name="now"/>; returns when their last byte has left, and when it started.</summary>
        public (long Sent, long Start) Reserve(int count, long now)
        {
            Interlocked.Add(ref Bytes, count);
            if (bytesPerSecond <= 0)
            {
                return (now, now);
            }

            long duration = (long)(count * (double)Stopwatch.Frequency / bytesPerSecond);
            lock (_lock)
            {
                long start = Math.Max(_freeAt, now);
                _freeAt = start + duration;
                return (_freeAt, start);
            }
        }
    }
}
