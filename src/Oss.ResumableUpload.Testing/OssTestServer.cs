using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Oss.ResumableUpload.Testing;

/// <summary>
/// A local, stateful, OSS-compatible HTTP server for tests: it verifies V1 and V4 signatures and Content-MD5, enforces
/// the multipart rules as OSS does, injects faults on request and records what it received.
/// </summary>
/// <remarks>
/// Start one with <see cref="StartAsync"/>, point an <see cref="OssClient"/> at <see cref="Endpoint"/> (for example with
/// <see cref="CreateClientOptions"/>), and dispose it when the test ends. It listens on 127.0.0.1 with path-style URLs
/// (<c>http://127.0.0.1:port/bucket/key</c>); a Host of <c>bucket.localhost</c> also works. It writes nothing to the
/// console; pass <see cref="OssTestServerOptions.LoggerFactory"/> to see what it does.
/// </remarks>
public sealed class OssTestServer : IAsyncDisposable
{
    private readonly KestrelHost _host;
    private readonly ServerRuntime _runtime;
    private int _disposed;

    private OssTestServer(KestrelHost host, ServerRuntime runtime)
    {
        _host = host;
        _runtime = runtime;
        Endpoint = host.Address;
    }

    /// <summary>Gets the server's base address, for example <c>http://127.0.0.1:49152</c>. Use it as <see cref="OssClientOptions.Endpoint"/>.</summary>
    public Uri Endpoint { get; }

    /// <summary>Gets the region that V4 signatures must name.</summary>
    public string Region => _runtime.Options.Region;

    /// <summary>Gets the credentials the server accepts, in the order configured (the default one when none was).</summary>
    public IReadOnlyList<OssTestCredential> Credentials => _runtime.Credentials;

    /// <summary>Gets the first accepted credential: the one <see cref="CreateClientOptions"/> uses by default.</summary>
    public OssTestCredential Credential => _runtime.Credentials[0];

    /// <summary>Gets the storage mode.</summary>
    public OssTestStorageMode StorageMode => _runtime.Options.StorageMode;

    /// <summary>Gets the directory holding this server's files: in <see cref="OssTestStorageMode.Directory"/> mode a subdirectory of <see cref="OssTestServerOptions.DataDirectory"/>, in <see cref="OssTestStorageMode.Persistent"/> mode the data directory itself; null otherwise.</summary>
    public string? StorageDirectory => (_runtime.Blobs as DirectoryBlobStore)?.Root ?? (_runtime.Blobs as PersistentBlobStore)?.DataDirectory;

    /// <summary>Gets the fault injector: fail, reset, delay or corrupt upcoming requests, or drop an upload.</summary>
    public OssFaultInjector Faults => _runtime.Faults;

    /// <summary>Gets the log of every request the server has finished (operation, part number, body bytes, status, faults).</summary>
    public OssRequestLog Requests => _runtime.RequestLog;

    /// <summary>Gets the server's internals, for this assembly's tests.</summary>
    internal ServerRuntime Runtime => _runtime;

    /// <summary>Starts a server.</summary>
    /// <param name="options">The settings; null for the defaults (127.0.0.1, a free port, no buckets, the default credential, in memory).</param>
    /// <param name="cancellationToken">A token to cancel the start.</param>
    /// <returns>The running server.</returns>
    /// <exception cref="ArgumentException">An option is invalid, for example Directory mode without a DataDirectory.</exception>
    /// <exception cref="IOException">The port is in use.</exception>
    public static async Task<OssTestServer> StartAsync(OssTestServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        OssTestServerOptions settings = OptionsValidator.ValidateAndCopy(options ?? new OssTestServerOptions());
        List<OssTestCredential> credentials = settings.Credentials.Count > 0 ? [.. settings.Credentials] : [OssTestCredential.Default];
        ILoggerFactory loggerFactory = settings.LoggerFactory ?? NullLoggerFactory.Instance;
        var runtime = new ServerRuntime(settings, credentials, loggerFactory);
        try
        {
            var pipeline = new OssRequestPipeline(runtime);
            KestrelHost host = await KestrelHost.StartAsync(settings.ListenAddress, settings.Port, pipeline.HandleAsync, loggerFactory, MinBodyDataRate(settings), cancellationToken).ConfigureAwait(false);
            Log.Started(runtime.Logger, host.Address, settings.Region, settings.StorageMode);
            return new OssTestServer(host, runtime);
        }
        catch
        {
            runtime.Dispose();
            throw;
        }
    }

    /// <summary>Builds client options that reach this server: its endpoint, region and a credential.</summary>
    /// <param name="signatureVersion">The signature version the client uses.</param>
    /// <param name="credential">The credential to sign with; null for <see cref="Credential"/>.</param>
    /// <returns>Options for <c>new OssClient(options)</c>.</returns>
    public OssClientOptions CreateClientOptions(OssSignatureVersion signatureVersion = OssSignatureVersion.V4, OssTestCredential? credential = null)
        => new()
        {
            Endpoint = Endpoint,
            Region = Region,
            Credentials = (credential ?? Credential).ToCredentialsProvider(),
            SignatureVersion = signatureVersion,
        };

    /// <summary>Creates a bucket, as PutBucket would. Nothing happens if it exists.</summary>
    /// <param name="bucketName">The bucket name (3-63 characters: lower-case letters, digits, hyphens).</param>
    /// <exception cref="ArgumentException">The name is not a valid bucket name.</exception>
    public void CreateBucket(string bucketName)
    {
        if (bucketName is null || !RequestChecks.IsValidBucketName(bucketName))
        {
            throw new ArgumentException($"'{bucketName}' is not a valid bucket name.", nameof(bucketName));
        }

        lock (_runtime.State.Gate)
        {
            _runtime.State.Buckets.TryAdd(bucketName, new SortedDictionary<string, ObjectState>(StringComparer.Ordinal));
        }
    }

    /// <summary>Lists the buckets.</summary>
    /// <returns>The bucket names, sorted.</returns>
    public IReadOnlyList<string> GetBuckets()
    {
        lock (_runtime.State.Gate)
        {
            return _runtime.State.Buckets.Keys.Order(StringComparer.Ordinal).ToArray();
        }
    }

    /// <summary>Describes a stored object.</summary>
    /// <param name="bucketName">The bucket.</param>
    /// <param name="objectKey">The object key.</param>
    /// <returns>The object's size, ETag, CRC-64 and metadata; null when there is no such object.</returns>
    public OssStoredObject? GetObject(string bucketName, string objectKey)
    {
        ObjectState? found = Find(bucketName, objectKey);
        return found is null ? null : new OssStoredObject
        {
            BucketName = bucketName,
            ObjectKey = objectKey,
            Size = found.Length,
            ETag = found.ETag,
            HashCrc64Ecma = found.Crc64,
            ContentMd5 = found.Md5?.ToBase64(),
            ContentType = found.ContentType,
            Metadata = found.Metadata,
            IsMultipart = found.IsMultipart,
            PartCount = found.Segments.Count,
            LastModified = found.LastModified,
            StorageClass = found.Settings.StorageClass,
            ServerSideEncryption = found.Settings.ServerSideEncryption,
            ServerSideEncryptionKeyId = found.Settings.ServerSideEncryptionKeyId,
            Tags = found.Settings.Tags,
            ObjectAcl = found.Settings.ObjectAcl,
            CacheControl = found.Settings.CacheControl,
            ContentDisposition = found.Settings.ContentDisposition,
            ContentEncoding = found.Settings.ContentEncoding,
            Expires = found.Settings.Expires,
        };
    }

    /// <summary>Reads a stored object into memory.</summary>
    /// <param name="bucketName">The bucket.</param>
    /// <param name="objectKey">The object key.</param>
    /// <param name="cancellationToken">A token to cancel the read.</param>
    /// <returns>The object's bytes.</returns>
    /// <exception cref="KeyNotFoundException">There is no such object.</exception>
    /// <exception cref="NotSupportedException">The server runs in <see cref="OssTestStorageMode.Discard"/> mode.</exception>
    public async Task<byte[]> ReadObjectAsync(string bucketName, string objectKey, CancellationToken cancellationToken = default)
    {
        ObjectState found = FindOrThrow(bucketName, objectKey);
        using var buffer = new MemoryStream(checked((int)found.Length));
        await CopyObjectToAsync(bucketName, objectKey, buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }

    /// <summary>Copies a stored object to a stream, for objects too large to hold in memory.</summary>
    /// <param name="bucketName">The bucket.</param>
    /// <param name="objectKey">The object key.</param>
    /// <param name="destination">The stream to write to.</param>
    /// <param name="cancellationToken">A token to cancel the copy.</param>
    /// <returns>A task that completes when the object has been copied.</returns>
    /// <exception cref="KeyNotFoundException">There is no such object.</exception>
    /// <exception cref="NotSupportedException">The server runs in <see cref="OssTestStorageMode.Discard"/> mode.</exception>
    public Task CopyObjectToAsync(string bucketName, string objectKey, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ObjectState found = FindOrThrow(bucketName, objectKey);
        if (!_runtime.Blobs.KeepsContent)
        {
            throw new NotSupportedException("The server runs in Discard storage mode and keeps no object content.");
        }

        return found.CopyRangeToAsync(destination, 0, found.Length, cancellationToken);
    }

    /// <summary>Lists the unfinished multipart uploads.</summary>
    /// <param name="bucketName">Only this bucket's uploads; null for all.</param>
    /// <returns>The uploads with their parts, ordered by key and upload id.</returns>
    public IReadOnlyList<OssStoredUpload> GetUploads(string? bucketName = null)
    {
        lock (_runtime.State.Gate)
        {
            return _runtime.State.Uploads.Values
                .Where(u => bucketName is null || u.Bucket == bucketName)
                .OrderBy(u => u.Key, StringComparer.Ordinal)
                .ThenBy(u => u.UploadId, StringComparer.Ordinal)
                .Select(Snapshot)
                .ToArray();
        }
    }

    /// <summary>Describes one unfinished multipart upload.</summary>
    /// <param name="uploadId">The upload id.</param>
    /// <returns>The upload with its parts; null when it does not exist (never did, or was completed, aborted or dropped).</returns>
    public OssStoredUpload? GetUpload(string uploadId)
    {
        lock (_runtime.State.Gate)
        {
            return _runtime.State.Uploads.TryGetValue(uploadId, out UploadState? upload) ? Snapshot(upload) : null;
        }
    }

    /// <summary>
    /// Gets how many part body bytes the server has received for an upload id, over every UploadPart request including
    /// failed, reset and repeated ones. It keeps counting after the upload is completed or aborted.
    /// </summary>
    /// <param name="uploadId">The upload id.</param>
    /// <param name="partNumber">Only this part number; null for all parts.</param>
    /// <returns>The byte count; 0 for an unknown upload id.</returns>
    public long GetPartBytesReceived(string uploadId, int? partNumber = null)
    {
        ArgumentNullException.ThrowIfNull(uploadId);
        if (!_runtime.State.Counters.TryGetValue(uploadId, out UploadCounters? counters))
        {
            return 0;
        }

        return partNumber is int part ? counters.ForPart(part) : counters.Total;
    }

    /// <summary>Stops the server, closes its connections and deletes its files.</summary>
    /// <returns>A task that completes when the server has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            await _host.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _runtime.Dispose();
        }
    }

    private static OssStoredUpload Snapshot(UploadState upload) => new()
    {
        BucketName = upload.Bucket,
        ObjectKey = upload.Key,
        UploadId = upload.UploadId,
        Initiated = upload.Initiated,
        Parts = upload.Parts.Values.Select(p => new OssStoredPart
        {
            PartNumber = p.PartNumber,
            Size = p.Size,
            ETag = p.ETag,
            HashCrc64Ecma = p.Blob.Crc64,
            LastModified = p.LastModified,
        }).ToArray(),
    };

    private static MinDataRate? MinBodyDataRate(OssTestServerOptions options)
        => options.MinRequestBodyDataRate > 0 ? new MinDataRate(options.MinRequestBodyDataRate, options.MinRequestBodyDataRateGracePeriod) : null;

    private ObjectState? Find(string bucketName, string objectKey)
    {
        ArgumentNullException.ThrowIfNull(bucketName);
        ArgumentNullException.ThrowIfNull(objectKey);
        lock (_runtime.State.Gate)
        {
            return _runtime.State.Buckets.TryGetValue(bucketName, out SortedDictionary<string, ObjectState>? objects) && objects.TryGetValue(objectKey, out ObjectState? found)
                ? found
                : null;
        }
    }

    private ObjectState FindOrThrow(string bucketName, string objectKey)
        => Find(bucketName, objectKey) ?? throw new KeyNotFoundException($"There is no object '{objectKey}' in bucket '{bucketName}'.");
}
