using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Oss.ResumableUpload.Testing.Tests;

/// <summary>
/// Sends unsigned requests over a raw socket, with a chunked body of a chosen size written chunk by chunk (optionally
/// slowly), while the reply is read: so a test sees whether the server answers early and stops reading, or drops the
/// connection. Use with <see cref="OssTestServerOptions.VerifySignatures"/> off.
/// </summary>
internal static class StreamingRequests
{
    private static readonly byte[] s_crlf = "\r\n"u8.ToArray();

    /// <summary>
    /// Sends <c>method pathAndQuery</c> with a body of up to <paramref name="total"/> bytes, chunked or with a declared
    /// Content-Length. After the reply the client keeps writing until the server closes the connection (or
    /// <paramref name="timeout"/>), so <see cref="StreamedReply.BytesSent"/> shows how much the server let in.
    /// </summary>
    /// <param name="server">The server.</param>
    /// <param name="method">The HTTP method.</param>
    /// <param name="pathAndQuery">The request target, for example <c>/bucket/key?uploadId=..&amp;partNumber=1</c>.</param>
    /// <param name="total">How many body bytes to send at most.</param>
    /// <param name="chunkSize">The size of each chunk.</param>
    /// <param name="pause">A pause after each chunk, to trickle the body; null for none.</param>
    /// <param name="chunk">The bytes to repeat; null for zeros.</param>
    /// <param name="contentLength">A Content-Length to declare instead of chunked encoding; null for chunked.</param>
    /// <param name="timeout">How long to wait for the reply, and then for the server to close the connection.</param>
    /// <returns>The reply (status 0 when the connection closed without one) and how many body bytes were written.</returns>
    public static async Task<StreamedReply> SendChunkedAsync(
        OssTestServer server,
        string method,
        string pathAndQuery,
        long total,
        int chunkSize = 64 * 1024,
        TimeSpan? pause = null,
        byte[]? chunk = null,
        long? contentLength = null,
        TimeSpan? timeout = null)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Endpoint.Host, server.Endpoint.Port);
        NetworkStream stream = tcp.GetStream();
        string head = $"{method} {pathAndQuery} HTTP/1.1\r\nHost: {server.Endpoint.Authority}\r\n{(contentLength is long declared ? "Content-Length: " + declared.ToString(CultureInfo.InvariantCulture) : "Transfer-Encoding: chunked")}\r\nContent-Type: application/octet-stream\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));

        byte[] data = chunk ?? new byte[chunkSize];
        bool chunked = contentLength is null;
        long sent = 0;
        using var stop = new CancellationTokenSource();
        Task writer = Task.Run(async () =>
        {
            byte[] chunkHeader = Encoding.ASCII.GetBytes(data.Length.ToString("X", CultureInfo.InvariantCulture) + "\r\n");
            try
            {
                while (Interlocked.Read(ref sent) + data.Length <= total)
                {
                    if (chunked)
                    {
                        await stream.WriteAsync(chunkHeader, stop.Token);
                    }

                    await stream.WriteAsync(data, stop.Token);
                    if (chunked)
                    {
                        await stream.WriteAsync(s_crlf, stop.Token);
                    }

                    Interlocked.Add(ref sent, data.Length);
                    if (pause is TimeSpan wait)
                    {
                        await Task.Delay(wait, stop.Token);
                    }
                }

                if (chunked)
                {
                    await stream.WriteAsync("0\r\n\r\n"u8.ToArray(), stop.Token);
                }
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException or SocketException)
            {
                // The server closed the connection, or the test is done.
            }
        });

        TimeSpan limit = timeout ?? TimeSpan.FromSeconds(60);
        using var replyTimeout = new CancellationTokenSource(limit);
        try
        {
            (int status, string body) = await ReadReplyAsync(stream, replyTimeout.Token);
            bool closed = await Task.WhenAny(writer, Task.Delay(limit)) == writer;
            return new StreamedReply(status, body, Interlocked.Read(ref sent), closed);
        }
        finally
        {
            await stop.CancelAsync();
            tcp.Close();
            await writer;
        }
    }

    private static async Task<(int Status, string Body)> ReadReplyAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var received = new List<byte>();
        byte[] buffer = new byte[16 * 1024];
        int headerEnd = -1;
        long? contentLength = null;
        int status = 0;
        try
        {
            while (true)
            {
                int read = await stream.ReadAsync(buffer, cancellationToken);
                if (read == 0)
                {
                    break;
                }

                received.AddRange(buffer.AsSpan(0, read));
                if (headerEnd < 0)
                {
                    headerEnd = IndexOfHeaderEnd(received);
                    if (headerEnd >= 0)
                    {
                        string headers = Encoding.ASCII.GetString(received.GetRange(0, headerEnd).ToArray());
                        string[] lines = headers.Split("\r\n");
                        status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
                        foreach (string line in lines.Skip(1))
                        {
                            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                            {
                                contentLength = long.Parse(line["Content-Length:".Length..].Trim(), CultureInfo.InvariantCulture);
                            }
                        }
                    }
                }

                if (headerEnd >= 0 && contentLength is long length && received.Count - headerEnd - 4 >= length)
                {
                    break;
                }
            }
        }
        catch (IOException) when (headerEnd < 0)
        {
            return (0, string.Empty);
        }

        if (headerEnd < 0)
        {
            return (0, string.Empty);
        }

        return (status, Encoding.UTF8.GetString(received.GetRange(headerEnd + 4, received.Count - headerEnd - 4).ToArray()));
    }

    private static int IndexOfHeaderEnd(List<byte> bytes)
    {
        for (int i = 0; i + 3 < bytes.Count; i++)
        {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n')
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>What a streamed request got back.</summary>
/// <param name="Status">The HTTP status; 0 when the connection closed without a reply.</param>
/// <param name="Body">The reply body.</param>
/// <param name="BytesSent">How many body bytes the client managed to write before the connection closed.</param>
/// <param name="WriterEnded">Whether the client stopped writing (body sent, or connection closed) before the timeout.</param>
internal sealed record StreamedReply(int Status, string Body, long BytesSent, bool WriterEnded)
{
    public string? ErrorCode => Body.Length == 0 ? null : System.Xml.Linq.XDocument.Parse(Body).Root?.Element("Code")?.Value;
}
