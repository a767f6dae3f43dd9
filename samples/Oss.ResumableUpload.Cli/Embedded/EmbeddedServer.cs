using Microsoft.Extensions.Logging;
using Oss.ResumableUpload.Testing;

namespace Oss.ResumableUpload.Cli;

/// <summary>
/// The local OSS server <c>upload</c> starts when no endpoint is configured. It keeps its unfinished uploads in a
/// data directory next to the checkpoints, so that an interrupted upload resumes on the next run as against real OSS;
/// the directory is removed once nothing is pending.
/// </summary>
internal sealed class EmbeddedServer : IAsyncDisposable
{
    private readonly string? _dataDirectory;

    private EmbeddedServer(OssTestServer server, string? dataDirectory)
    {
        Server = server;
        _dataDirectory = dataDirectory;
    }

    public OssTestServer Server { get; }

    /// <summary>Starts the server, persistent in <paramref name="dataDirectory"/> when one is given and free.</summary>
    public static async Task<EmbeddedServer> StartAsync(string bucket, string? dataDirectory, ILoggerFactory? loggerFactory, CancellationToken cancellationToken)
    {
        if (dataDirectory is not null)
        {
            try
            {
                OssTestServer persistent = await OssTestServer.StartAsync(Options(bucket, OssTestStorageMode.Persistent, dataDirectory, loggerFactory), cancellationToken);
                return new EmbeddedServer(persistent, dataDirectory);
            }
            catch (IOException ex)
            {
                // The port is 0, so this is the data directory: most likely another run holds it.
                await Console.Error.WriteLineAsync($"oss-upload: {ex.Message} This run's embedded server keeps nothing, so it cannot be resumed later.");
            }
        }

        // Without a checkpoint there is nothing to resume: hash and forget the bytes.
        OssTestServer discard = await OssTestServer.StartAsync(Options(bucket, OssTestStorageMode.Discard, null, loggerFactory), cancellationToken);
        return new EmbeddedServer(discard, null);
    }

    public async ValueTask DisposeAsync()
    {
        bool pending = Server.GetUploads().Count > 0;
        await Server.DisposeAsync();
        if (!pending && _dataDirectory is not null && Directory.Exists(_dataDirectory))
        {
            try
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"oss-upload: could not remove {_dataDirectory}: {ex.Message}");
            }
        }
    }

    private static OssTestServerOptions Options(string bucket, OssTestStorageMode mode, string? dataDirectory, ILoggerFactory? loggerFactory)
    {
        var options = new OssTestServerOptions { StorageMode = mode, DataDirectory = dataDirectory, LoggerFactory = loggerFactory };
        options.Buckets.Add(bucket);
        return options;
    }
}
