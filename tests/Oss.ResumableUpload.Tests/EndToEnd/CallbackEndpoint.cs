using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Oss.ResumableUpload.Tests.EndToEnd;

/// <summary>
/// A tiny loopback HTTP/1.1 endpoint for upload callbacks: records each request body and answers with
/// <see cref="ReplyStatus"/> and <see cref="ReplyBody"/>, then closes the connection.
/// </summary>
internal sealed class CallbackEndpoint : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();

    public CallbackEndpoint()
    {
        _listener.Start();
        _ = AcceptLoopAsync();
    }

    public Uri Url => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/callback"));

    public int ReplyStatus { get; set; } = 200;

    public string ReplyBody { get; set; } = "{\"accepted\":true}";

    public ConcurrentQueue<string> Bodies { get; } = new();

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = HandleAsync(socket);
        }
    }

    private async Task HandleAsync(Socket socket)
    {
        using (socket)
        await using (var stream = new NetworkStream(socket, ownsSocket: false))
        {
            try
            {
                var received = new List<byte>();
                var buffer = new byte[8192];
                int headerEnd = -1;
                int contentLength = 0;
                while (true)
                {
                    int read = await stream.ReadAsync(buffer);
                    if (read == 0)
                    {
                        return;
                    }

                    received.AddRange(buffer.AsSpan(0, read));
                    if (headerEnd < 0)
                    {
                        string text = Encoding.ASCII.GetString(received.ToArray());
                        headerEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                        if (headerEnd >= 0)
                        {
                            foreach (string line in text[..headerEnd].Split("\r\n"))
                            {
                                if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                                {
                                    contentLength = int.Parse(line["Content-Length:".Length..].Trim(), CultureInfo.InvariantCulture);
                                }
                            }
                        }
                    }

                    if (headerEnd >= 0 && received.Count >= headerEnd + 4 + contentLength)
                    {
                        break;
                    }
                }

                Bodies.Enqueue(Encoding.UTF8.GetString(received.ToArray(), headerEnd + 4, contentLength));
                byte[] body = Encoding.UTF8.GetBytes(ReplyBody);
                string head = string.Create(
                    CultureInfo.InvariantCulture,
                    $"HTTP/1.1 {ReplyStatus} Status\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
                await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
                await stream.WriteAsync(body);
            }
            catch (IOException)
            {
            }
        }
    }
}
