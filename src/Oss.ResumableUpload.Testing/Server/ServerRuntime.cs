using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Oss.ResumableUpload.Testing;

/// <summary>Everything the request handlers share: validated settings, state, storage, checks, faults and the log.</summary>
internal sealed class ServerRuntime : IDisposable
{
    private readonly string _requestIdPrefix;
    private long _requestSequence;

    public ServerRuntime(OssTestServerOptions options, IReadOnlyList<OssTestCredential> credentials, ILoggerFactory loggerFactory)
    {
        Options = options;
        Credentials = credentials;
        Time = options.TimeProvider;
        Logger = loggerFactory.CreateLogger("Oss.ResumableUpload.Testing.OssTestServer");
        State = new ServerState(Time);
        Blobs = BlobStore.Create(options);
        if (Blobs is PersistentBlobStore persistent)
        {
            try
            {
                Journal = UploadJournal.Open(persistent, State);
            }
            catch
            {
                Blobs.Dispose();
                throw;
            }
        }

        Authenticator = new RequestAuthenticator(credentials, options.Region, Time, options.MaxClockSkew);
        Faults = new OssFaultInjector(DropUpload);
        RequestLog = new OssRequestLog(options.MaxRequestLogEntries);
        Callbacks = new CallbackInvoker(options.CallbackTimeout, Logger);
        _requestIdPrefix = Random.Shared.Next().ToString("X8", CultureInfo.InvariantCulture);
        foreach (string bucket in options.Buckets)
        {
            State.Buckets.TryAdd(bucket, new SortedDictionary<string, ObjectState>(StringComparer.Ordinal));
        }
    }

    public OssTestServerOptions Options { get; }

    public IReadOnlyList<OssTestCredential> Credentials { get; }

    public TimeProvider Time { get; }

    public ILogger Logger { get; }

    public ServerState State { get; }

    public BlobStore Blobs { get; }

    /// <summary>Gets the record of unfinished uploads kept across restarts, in <see cref="OssTestStorageMode.Persistent"/> mode; null otherwise.</summary>
    public UploadJournal? Journal { get; }

    public RequestAuthenticator Authenticator { get; }

    public OssFaultInjector Faults { get; }

    public OssRequestLog RequestLog { get; }

    public CallbackInvoker Callbacks { get; }

    /// <summary>Makes a 24-hex-digit request id, unique within the server: a per-server prefix and a sequence number.</summary>
    public string NextRequestId()
    {
        long sequence = Interlocked.Increment(ref _requestSequence);
        return _requestIdPrefix + sequence.ToString("X16", CultureInfo.InvariantCulture);
    }

    public bool DropUpload(string uploadId)
    {
        List<StoredBlob> blobs;
        lock (State.Gate)
        {
            if (!State.Uploads.TryGetValue(uploadId, out UploadState? upload))
            {
                return false;
            }

            blobs = State.RemoveUploadLocked(upload);
        }

        ServerState.DeleteAll(blobs);
        Journal?.Forget(uploadId);
        return true;
    }

    public void Dispose()
    {
        Callbacks.Dispose();
        Journal?.Close(State);
        Blobs.Dispose();
    }
}
