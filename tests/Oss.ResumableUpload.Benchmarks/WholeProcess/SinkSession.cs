using System.Diagnostics;
using Oss.ResumableUpload.Benchmarks.EndToEnd;

namespace Oss.ResumableUpload.Benchmarks.WholeProcess;

/// <summary>
/// The sink every contender uploads to: one OssTestServer in discard mode in its own process (the <c>server</c>
/// command), started once for a whole benchmark, and, for a far link, a <see cref="LinkEmulator"/> in front of it.
/// </summary>
internal sealed class SinkSession : IAsyncDisposable
{
    private readonly Process _server;

    private SinkSession(Process server, Uri serverEndpoint, LinkEmulator? emulator, LinkSettings link)
    {
        _server = server;
        ServerEndpoint = serverEndpoint;
        Emulator = emulator;
        Link = link;
    }

    public Uri ServerEndpoint { get; }

    public LinkEmulator? Emulator { get; }

    public LinkSettings Link { get; }

    /// <summary>Where the clients connect: the emulator when there is one, else the server.</summary>
    public string Endpoint => (Emulator?.Endpoint ?? ServerEndpoint).AbsoluteUri.TrimEnd('/');

    public static async Task<SinkSession> StartAsync(LinkSettings link)
    {
        Process server = ChildProcess.Start("server", "--port", "0");
        var endpoint = new Uri((await ChildProcess.ReadTaggedLineAsync(server, "ENDPOINT ")).Trim());
        LinkEmulator? emulator = link.IsEmulated ? new LinkEmulator(endpoint, link) : null;
        return new SinkSession(server, endpoint, emulator, link);
    }

    public async ValueTask DisposeAsync()
    {
        if (Emulator is not null)
        {
            await Emulator.DisposeAsync();
        }

        _server.StandardInput.Close();
        if (!_server.WaitForExit(10_000))
        {
            _server.Kill(entireProcessTree: true);
        }

        _server.Dispose();
    }
}
