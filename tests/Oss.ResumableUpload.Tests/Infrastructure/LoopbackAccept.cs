using System.Net.Sockets;

namespace Oss.ResumableUpload.Tests.Infrastructure;

/// <summary>The accept loop of the tests' raw socket servers: each connection is handed to a handler that is not awaited.</summary>
internal static class LoopbackAccept
{
    /// <summary>Accepts until <paramref name="stop"/> is cancelled or the listener stops.</summary>
    public static async Task RunAsync(TcpListener listener, Func<Socket, Task> serve, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(stop);
            }
            catch (Exception)
            {
                return;
            }

            _ = serve(socket);
        }
    }
}
