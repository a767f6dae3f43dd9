using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Oss.ResumableUpload.Tests.Infrastructure;

namespace Oss.ResumableUpload.Tests.Hostile;

/// <summary>
/// An HTTP/1.1 server on a raw socket that answers what a real server never should: bodies generated lazily and
/// without end, declared lengths it never sends, redirects, and headers no framework would let through.
/// Every request is recorded; the script sees each one and decides the reply.
/// </summary>
public sealed class HostileHttpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<HostileRequest, HostileReply> _script;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<HostileRequest> _received = new();

    public HostileHttpServer(Func<HostileRequest, HostileReply> script)
    {
        _script = script;
        _listener.Start();
        _ = AcceptLoopAsync();
    }

    public Uri Endpoint => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    public IReadOnlyList<HostileRequest> Received => [.. _received];

    /// <summary>The total body bytes the server managed to write (a client that gave up early stops this short).</summary>
    public long BytesWritten => Interlocked.Read(ref _bytesWritten);

    private long _bytesWritten;

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }

    private Task AcceptLoopAsync() => LoopbackAccept.RunAsync(_listener, ServeAsync, _stop.Token);

    private async Task ServeAsync(Socket socket)
    {
        using (socket)
        await using (var stream = new NetworkStream(socket, ownsSocket: false))
        {
            var reader = new RequestReader(stream);
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    HostileRequest? request = await reader.ReadAsync(_stop.Token);
                    if (request is null)
                    {
                        return;
                    }

                    _received.Enqueue(request);
                    HostileReply reply = _script(request);
                    if (reply.Delay > TimeSpan.Zero)
                    {
                        await Task.Delay(reply.Delay, _stop.Token);
                    }

                    await WriteAsync(stream, reply, _stop.Token);
                    if (reply.Close)
                    {
                        return;
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client gave up on the connection, or the server is stopping.
            }
        }
    }

    private async Task WriteAsync(Stream stream, HostileReply reply, CancellationToken cancellationToken)
    {
        var head = new StringBuilder();
        head.Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {reply.Status} {reply.Reason}\r\n");
        foreach (string header in reply.Headers)
        {
            head.Append(header).Append("\r\n");
        }

        if (reply.Chunked)
        {
            head.Append("Transfer-Encoding: chunked\r\n");
        }
        else if (reply.DeclaredLength is long declared)
        {
            head.Append(CultureInfo.InvariantCulture, $"Content-Length: {declared}\r\n");
        }

        head.Append("\r\n");
        await stream.WriteAsync(Encoding.Latin1.GetBytes(head.ToString()), cancellationToken);
        if (reply.WriteBody is not null)
        {
            var sink = new CountingSink(stream, reply.Chunked, this);
            await reply.WriteBody(sink, cancellationToken);
            if (reply.Chunked)
            {
                await stream.WriteAsync("0\r\n\r\n"u8.ToArray(), cancellationToken);
            }
        }

        await stream.FlushAsync(cancellationToken);
    }

    /// <summary>Writes body bytes, framing them as chunks when the reply is chunked, and counts them.</summary>
    public sealed class CountingSink
    {
        private readonly Stream _stream;
        private readonly bool _chunked;
        private readonly HostileHttpServer _owner;

        internal CountingSink(Stream stream, bool chunked, HostileHttpServer owner)
        {
            _stream = stream;
            _chunked = chunked;
            _owner = owner;
        }

        public async Task WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
        {
            if (data.IsEmpty)
            {
                return; // an empty chunk would end a chunked body
            }

            if (_chunked)
            {
                await _stream.WriteAsync(Encoding.ASCII.GetBytes(data.Length.ToString("x", CultureInfo.InvariantCulture) + "\r\n"), cancellationToken);
            }

            await _stream.WriteAsync(data, cancellationToken);
            if (_chunked)
            {
                await _stream.WriteAsync("\r\n"u8.ToArray(), cancellationToken);
            }

            Interlocked.Add(ref _owner._bytesWritten, data.Length);
        }
    }

    private sealed class RequestReader(Stream stream)
    {
        private readonly byte[] _buffer = new byte[64 * 1024];
        private int _start;
        private int _end;

        public async Task<HostileRequest?> ReadAsync(CancellationToken cancellationToken)
        {
            string? requestLine = await ReadLineAsync(cancellationToken);
            if (string.IsNullOrEmpty(requestLine))
            {
                return null;
            }

            string[] parts = requestLine.Split(' ');
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            while (await ReadLineAsync(cancellationToken) is { Length: > 0 } line)
            {
                int colon = line.IndexOf(':', StringComparison.Ordinal);
                string name = line[..colon].Trim();
                string value = line[(colon + 1)..].Trim();
                headers[name] = headers.TryGetValue(name, out string? existing) ? existing + "," + value : value;
            }

            byte[] body;
            if (headers.TryGetValue("Transfer-Encoding", out string? te) && te.Contains("chunked", StringComparison.OrdinalIgnoreCase))
            {
                using var collected = new MemoryStream();
                while (true)
                {
                    string size = (await ReadLineAsync(cancellationToken))!;
                    int length = int.Parse(size.Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                    if (length == 0)
                    {
                        await ReadLineAsync(cancellationToken);
                        break;
                    }

                    collected.Write(await ReadExactlyAsync(length, cancellationToken));
                    await ReadLineAsync(cancellationToken);
                }

                body = collected.ToArray();
            }
            else
            {
                int length = headers.TryGetValue("Content-Length", out string? cl) ? int.Parse(cl, CultureInfo.InvariantCulture) : 0;
                body = await ReadExactlyAsync(length, cancellationToken);
            }

            return new HostileRequest(parts[0], parts[1], headers, body);
        }

        private async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
        {
            var line = new List<byte>();
            while (true)
            {
                if (_start == _end && !await FillAsync(cancellationToken))
                {
                    return line.Count == 0 ? null : Encoding.Latin1.GetString(line.ToArray());
                }

                byte b = _buffer[_start++];
                if (b == '\n')
                {
                    if (line.Count > 0 && line[^1] == '\r')
                    {
                        line.RemoveAt(line.Count - 1);
                    }

                    return Encoding.Latin1.GetString(line.ToArray());
                }

                line.Add(b);
            }
        }

        private async Task<byte[]> ReadExactlyAsync(int count, CancellationToken cancellationToken)
        {
            byte[] result = new byte[count];
            int filled = 0;
            while (filled < count)
            {
                if (_start == _end && !await FillAsync(cancellationToken))
                {
                    throw new IOException("The client closed the connection mid-body.");
                }

                int take = Math.Min(count - filled, _end - _start);
                Array.Copy(_buffer, _start, result, filled, take);
                _start += take;
                filled += take;
            }

            return result;
        }

        private async Task<bool> FillAsync(CancellationToken cancellationToken)
        {
            _start = 0;
            _end = await stream.ReadAsync(_buffer, cancellationToken);
            return _end > 0;
        }
    }
}

/// <summary>One request as the hostile server read it.</summary>
public sealed record HostileRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string Path => Target.Split('?')[0];

    public IReadOnlyDictionary<string, string> Query => Target.Contains('?', StringComparison.Ordinal)
        ? Target[(Target.IndexOf('?', StringComparison.Ordinal) + 1)..].Split('&')
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => p.Length > 1 ? Uri.UnescapeDataString(p[1]) : string.Empty, StringComparer.Ordinal)
        : new Dictionary<string, string>(StringComparer.Ordinal);

    public bool Has(string queryName) => Query.ContainsKey(queryName);
}

/// <summary>What the hostile server answers.</summary>
public sealed record HostileReply
{
    public int Status { get; init; } = 200;

    public string Reason { get; init; } = "X";

    public IReadOnlyList<string> Headers { get; init; } = [];

    /// <summary>Sent as Content-Length when the reply is not chunked; it need not match what <see cref="WriteBody"/> writes.</summary>
    public long? DeclaredLength { get; init; }

    public bool Chunked { get; init; }

    public Func<HostileHttpServer.CountingSink, CancellationToken, Task>? WriteBody { get; init; }

    public TimeSpan Delay { get; init; }

    public bool Close { get; init; }

    public static HostileReply Text(int status, string body, params string[] headers)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(body);
        return new HostileReply
        {
            Status = status,
            Headers = headers,
            DeclaredLength = bytes.Length,
            WriteBody = (sink, token) => sink.WriteAsync(bytes, token),
        };
    }

    public static HostileReply Empty(int status = 200, params string[] headers)
        => new() { Status = status, Headers = headers, DeclaredLength = 0 };

    /// <summary>A chunked body that starts with <paramref name="prefix"/> and continues with filler to <paramref name="totalBytes"/>, generated as it is sent.</summary>
    public static HostileReply EndlessChunked(int status, string prefix, long totalBytes, params string[] headers) => new()
    {
        Status = status,
        Headers = headers,
        Chunked = true,
        WriteBody = (sink, token) => WriteFillerAsync(sink, prefix, totalBytes, token),
    };

    /// <summary>Declares <paramref name="declaredLength"/> bytes and writes <paramref name="actualBytes"/> of them (then holds the connection open).</summary>
    public static HostileReply Declared(int status, long declaredLength, string prefix, long actualBytes, params string[] headers) => new()
    {
        Status = status,
        Headers = headers,
        DeclaredLength = declaredLength,
        WriteBody = async (sink, token) =>
        {
            await WriteFillerAsync(sink, prefix, actualBytes, token);
            await Task.Delay(Timeout.Infinite, token);
        },
    };

    private static async Task WriteFillerAsync(HostileHttpServer.CountingSink sink, string prefix, long totalBytes, CancellationToken token)
    {
        byte[] start = Encoding.UTF8.GetBytes(prefix);
        await sink.WriteAsync(start, token);
        byte[] filler = new byte[64 * 1024];
        filler.AsSpan().Fill((byte)'x');
        for (long sent = start.Length; sent < totalBytes; sent += filler.Length)
        {
            await sink.WriteAsync(filler.AsMemory(0, (int)Math.Min(filler.Length, totalBytes - sent)), token);
        }
    }
}
