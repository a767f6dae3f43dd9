using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Oss.ResumableUpload.Tests.Infrastructure;

/// <summary>
/// A scripted HTTP/1.1 server on a raw socket, for what a mock framework cannot do: reset a connection
/// before replying. Each request gets the script's answer for its index (0-based).
/// </summary>
public sealed class RawHttpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<int, RawHttpServer.Answer> _script;
    private readonly CancellationTokenSource _stop = new();
    private int _requests;

    public RawHttpServer(Func<int, Answer> script)
    {
        _script = script;
        _listener.Start();
        _ = AcceptLoopAsync();
    }

    public Uri Endpoint => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    public int Requests => Volatile.Read(ref _requests);

    public static Answer Reset() => new(null);

    /// <summary>Answers after a real delay (the client should have given up by then).</summary>
    public static Answer Delayed(TimeSpan delay, Answer answer) => answer with { Delay = delay };

    public static Answer Reply(int status, string body, params string[] headers)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfoInvariant($"HTTP/1.1 {status} X\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n"));
        foreach (string header in headers)
        {
            sb.Append(header).Append("\r\n");
        }

        sb.Append("\r\n").Append(body);
        return new Answer(sb.ToString());
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }

    private static string CultureInfoInvariant(FormattableString text) => FormattableString.Invariant(text);

    private Task AcceptLoopAsync() => LoopbackAccept.RunAsync(_listener, ServeAsync, _stop.Token);

    private async Task ServeAsync(Socket socket)
    {
        using (socket)
        {
            var buffer = new byte[64 * 1024];
            var pending = new List<byte>();
            while (!_stop.IsCancellationRequested)
            {
                int headerEnd;
                while ((headerEnd = IndexOfHeaderEnd(pending)) < 0)
                {
                    int read = await socket.ReceiveAsync(buffer, SocketFlags.None);
                    if (read == 0)
                    {
                        return;
                    }

                    pending.AddRange(buffer.AsSpan(0, read).ToArray());
                }

                string head = Encoding.ASCII.GetString(pending.GetRange(0, headerEnd).ToArray());
                long length = 0;
                foreach (string line in head.Split("\r\n"))
                {
                    if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                    {
                        length = long.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
                    }
                }

                long total = headerEnd + 4 + length;
                while (pending.Count < total)
                {
                    int read = await socket.ReceiveAsync(buffer, SocketFlags.None);
                    if (read == 0)
                    {
                        return;
                    }

                    pending.AddRange(buffer.AsSpan(0, read).ToArray());
                }

                pending.RemoveRange(0, (int)total);
                Answer answer = _script(Interlocked.Increment(ref _requests) - 1);
                if (answer.Delay > TimeSpan.Zero)
                {
                    try
                    {
                        await Task.Delay(answer.Delay, _stop.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                }

                if (answer.Raw is null)
                {
                    socket.LingerState = new LingerOption(true, 0); // close with RST
                    socket.Close();
                    return;
                }

                try
                {
                    await socket.SendAsync(Encoding.UTF8.GetBytes(answer.Raw), SocketFlags.None);
                }
                catch (SocketException)
                {
                    return; // the client gave up on this connection
                }
            }
        }
    }

    private static int IndexOfHeaderEnd(List<byte> data)
    {
        for (int i = 0; i + 3 < data.Count; i++)
        {
            if (data[i] == '\r' && data[i + 1] == '\n' && data[i + 2] == '\r' && data[i + 3] == '\n')
            {
                return i;
            }
        }

        return -1;
    }

    public sealed record Answer(string? Raw)
    {
        public TimeSpan Delay { get; init; }
    }
}
