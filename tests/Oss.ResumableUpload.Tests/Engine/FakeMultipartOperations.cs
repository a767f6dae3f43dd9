using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Oss.ResumableUpload.Hashing;
using Oss.ResumableUpload.Protocol;
using Oss.ResumableUpload.Resumable;
using Oss.ResumableUpload.Transport;

namespace Oss.ResumableUpload.Tests.Engine;

/// <summary>
/// An in-memory OSS for the multipart operations: it stores parts and objects, checks Content-MD5, part order and
/// ETags like the service, records every call with its token, and lets a test inject faults and pauses.
/// </summary>
internal sealed class FakeMultipartOperations : IMultipartOperations
{
    private readonly Lock _gate = new();
    private int _nextUploadId;
    private int _inFlightParts;
    private int _maxInFlightParts;

    public ConcurrentDictionary<string, FakeUpload> Uploads { get; } = new();

    public ConcurrentDictionary<(string Bucket, string Key), FakeObject> Objects { get; } = new();

    public ConcurrentQueue<FakeCall> Calls { get; } = new();

    /// <summary>Gets or sets the clock that stamps each upload's initiation time.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>Initiate creates the upload, then throws this instead of replying (a lost reply).</summary>
    public Exception? ThrowAfterInitiate { get; set; }

    /// <summary>Gets every upload id the fake has handed out.</summary>
    public ConcurrentBag<string> IssuedUploadIds { get; } = [];

    /// <summary>Runs before a part's bytes are read; may throw, wait on the token, or change the world.</summary>
    public Func<PartUpload, CancellationToken, Task>? BeforeUploadPart { get; set; }

    /// <summary>Complete assembles the object, then throws this instead of replying (a lost reply).</summary>
    public Exception? ThrowAfterComplete { get; set; }

    /// <summary>Runs after Complete has stored the object, before it replies.</summary>
    public Action? AfterComplete { get; set; }

    /// <summary>Complete reports this CRC-64 instead of the real one.</summary>
    public ulong? CompleteCrcOverride { get; set; }

    /// <summary>Runs when Complete is called, before anything is checked or stored.</summary>
    public Action<CompleteMultipartUploadRequest>? BeforeComplete { get; set; }

    /// <summary>Runs when ListParts is called, before the token is checked.</summary>
    public Action? BeforeListParts { get; set; }

    /// <summary>ListParts throws this (once, then clears it) instead of answering.</summary>
    public Exception? ListPartsErrorOnce { get; set; }

    /// <summary>HeadObject throws this instead of answering.</summary>
    public Exception? HeadObjectError { get; set; }

    /// <summary>Complete's reply carries no CRC-64 (HeadObject still reports it).</summary>
    public bool OmitCompleteCrc64 { get; set; }

    /// <summary>Replies carry no CRC-64 at all (Complete, PutObject and HeadObject), like some OSS-compatible servers.</summary>
    public bool OmitCrc64 { get; set; }

    /// <summary>Called with each chunk of part bytes the fake receives (after the engine's progress callback).</summary>
    public Action? OnChunkReceived { get; set; }

    /// <summary>Parts listed here get one aborted attempt (half of the bytes) before the real one, like a retry.</summary>
    public HashSet<int> RetryOnceParts { get; } = [];

    public int ListPageSize { get; set; } = 1000;

    public int MaxInFlightParts => Volatile.Read(ref _maxInFlightParts);

    public int InFlightParts => Volatile.Read(ref _inFlightParts);

    public static OssServiceException NoSuchUpload() => new(404, "NoSuchUpload", "The specified upload does not exist.", requestId: "fake-request");

    public IEnumerable<FakeCall> CallsOf(string operation) => Calls.Where(c => c.Operation == operation);

    public IReadOnlyList<int> UploadedPartNumbers(string uploadId)
        => Calls.Where(c => c.Operation == "UploadPart" && c.UploadId == uploadId).Select(c => c.PartNumber).Order().ToList();

    /// <summary>Stores a part directly, as if an earlier process had uploaded it.</summary>
    public void PutPart(string uploadId, int partNumber, byte[] data) => Uploads[uploadId].Parts[partNumber] = FakePart.Of(data);

    public async Task<InitiateMultipartUploadResult> InitiateMultipartUploadAsync(string bucketName, string objectKey, ObjectSettings settings, CancellationToken cancellationToken)
    {
        Record("Initiate", 0, null, cancellationToken);
        await new ThreadPoolHop();
        cancellationToken.ThrowIfCancellationRequested();
        string uploadId = "upload-" + Interlocked.Increment(ref _nextUploadId);
        Uploads[uploadId] = new FakeUpload(bucketName, objectKey, settings.ContentType) { Initiated = Clock.GetUtcNow() };
        IssuedUploadIds.Add(uploadId);
        if (ThrowAfterInitiate is { } lost)
        {
            throw lost;
        }

        return new InitiateMultipartUploadResult { BucketName = bucketName, ObjectKey = objectKey, UploadId = uploadId, RequestId = "fake-request" };
    }

    public async Task<UploadPartResult> UploadPartAsync(PartUpload part, CancellationToken cancellationToken)
    {
        Record("UploadPart", part.PartNumber, part.UploadId, cancellationToken);
        int inFlight = Interlocked.Increment(ref _inFlightParts);
        lock (_gate)
        {
            _maxInFlightParts = Math.Max(_maxInFlightParts, inFlight);
        }

        try
        {
            await new ThreadPoolHop();
            if (BeforeUploadPart is { } hook)
            {
                await hook(part, cancellationToken).ConfigureAwait(false);
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (!Uploads.TryGetValue(part.UploadId, out FakeUpload? upload))
            {
                throw NoSuchUpload();
            }

            if (RetryOnceParts.Remove(part.PartNumber))
            {
                part.BytesSentInAttempt?.Invoke(part.Content.Length / 2);
            }

            byte[] data = await ReadBodyAsync(OssRequestBody.From(part.Content), part.BytesSentInAttempt, cancellationToken).ConfigureAwait(false);
            FakePart stored = FakePart.Of(data);
            if (!part.ContentMd5.MatchesETag(stored.ETag))
            {
                throw new OssServiceException(400, "InvalidDigest", "The Content-MD5 you specified did not match what was received.", requestId: "fake-request");
            }

            upload.Parts[part.PartNumber] = stored;
            return new UploadPartResult { PartNumber = part.PartNumber, ETag = stored.ETag, HashCrc64Ecma = stored.Crc64, RequestId = "fake-request" };
        }
        finally
        {
            Interlocked.Decrement(ref _inFlightParts);
        }
    }

    public async IAsyncEnumerable<OssPartInfo> ListAllPartsAsync(string bucketName, string objectKey, string uploadId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        int marker = 0;
        while (true)
        {
            Record("ListParts", marker, uploadId, cancellationToken);
            BeforeListParts?.Invoke();
            await new ThreadPoolHop();
            cancellationToken.ThrowIfCancellationRequested();
            if (ListPartsErrorOnce is { } listError)
            {
                ListPartsErrorOnce = null;
                throw listError;
            }

            if (!Uploads.TryGetValue(uploadId, out FakeUpload? upload))
            {
                throw NoSuchUpload();
            }

            List<KeyValuePair<int, FakePart>> page = upload.Parts.Where(p => p.Key > marker).OrderBy(p => p.Key).Take(ListPageSize + 1).ToList();
            foreach (KeyValuePair<int, FakePart> part in page.Take(ListPageSize))
            {
                yield return new OssPartInfo { PartNumber = part.Key, ETag = part.Value.ETag, Size = part.Value.Data.Length, HashCrc64Ecma = part.Value.Crc64 };
            }

            if (page.Count <= ListPageSize)
            {
                yield break;
            }

            marker = page[ListPageSize - 1].Key;
        }
    }

    public async Task<CompleteMultipartUploadResult> CompleteMultipartUploadAsync(CompleteMultipartUploadRequest request, CancellationToken cancellationToken)
    {
        Record("Complete", request.Parts.Count, request.UploadId, cancellationToken, request.Parts);
        BeforeComplete?.Invoke(request);
        await new ThreadPoolHop();
        cancellationToken.ThrowIfCancellationRequested();
        if (!Uploads.TryGetValue(request.UploadId, out FakeUpload? upload))
        {
            throw NoSuchUpload();
        }

        for (int i = 1; i < request.Parts.Count; i++)
        {
            if (request.Parts[i].PartNumber <= request.Parts[i - 1].PartNumber)
            {
                throw new OssServiceException(400, "InvalidPartOrder", "The list of parts was not in ascending order.");
            }
        }

        using var content = new MemoryStream();
        for (int i = 0; i < request.Parts.Count; i++)
        {
            PartETag listed = request.Parts[i];
            if (!upload.Parts.TryGetValue(listed.PartNumber, out FakePart? part) || part.ETag != listed.ETag)
            {
                throw new OssServiceException(400, "InvalidPart", $"Part {listed.PartNumber} could not be found or its ETag did not match.");
            }

            if (i < request.Parts.Count - 1 && part.Data.Length < ResumableUploadRequest.MinPartSize)
            {
                throw new OssServiceException(400, "EntityTooSmall", "Your proposed upload smaller than the minimum allowed size.");
            }

            content.Write(part.Data);
        }

        byte[] data = content.ToArray();
        ulong crc = OssCrc64.Compute(data);
        string etag = "\"" + Convert.ToHexString(MD5.HashData(data)) + "-" + request.Parts.Count + "\"";
        Objects[(upload.Bucket, upload.Key)] = new FakeObject(data, etag, crc, upload.ContentType);
        Uploads.TryRemove(request.UploadId, out _);
        AfterComplete?.Invoke();
        if (ThrowAfterComplete is { } lost)
        {
            throw lost;
        }

        return new CompleteMultipartUploadResult
        {
            BucketName = request.BucketName,
            ObjectKey = request.ObjectKey,
            ETag = etag,
            HashCrc64Ecma = OmitCrc64 || OmitCompleteCrc64 ? null : CompleteCrcOverride ?? crc,
            RequestId = "fake-complete",
            CallbackResponseBody = request.Callback is null ? null : "{\"ok\":true}",
        };
    }

    public async Task AbortMultipartUploadAsync(AbortMultipartUploadRequest request, CancellationToken cancellationToken)
    {
        Record("Abort", 0, request.UploadId, cancellationToken);
        await new ThreadPoolHop();
        cancellationToken.ThrowIfCancellationRequested();
        if (!Uploads.TryRemove(request.UploadId, out _))
        {
            throw NoSuchUpload();
        }
    }

    public async Task<PutObjectResult> PutObjectAsync(ObjectUpload upload, CancellationToken cancellationToken)
    {
        Record("PutObject", 0, null, cancellationToken);
        await new ThreadPoolHop();
        cancellationToken.ThrowIfCancellationRequested();
        byte[] data = await ReadBodyAsync(OssRequestBody.From(upload.Content), upload.BytesSentInAttempt, cancellationToken).ConfigureAwait(false);
        FakePart stored = FakePart.Of(data);
        if (!upload.ContentMd5.MatchesETag(stored.ETag))
        {
            throw new OssServiceException(400, "InvalidDigest", "The Content-MD5 you specified did not match what was received.");
        }

        Objects[(upload.BucketName, upload.ObjectKey)] = new FakeObject(data, stored.ETag, stored.Crc64, upload.Settings.ContentType);
        return new PutObjectResult { ETag = stored.ETag, HashCrc64Ecma = OmitCrc64 ? null : stored.Crc64, RequestId = "fake-put" };
    }

    public async Task<HeadObjectResult?> HeadObjectAsync(string bucketName, string objectKey, CancellationToken cancellationToken)
    {
        Record("HeadObject", 0, null, cancellationToken);
        await new ThreadPoolHop();
        cancellationToken.ThrowIfCancellationRequested();
        if (HeadObjectError is { } error)
        {
            throw error;
        }

        return Objects.TryGetValue((bucketName, objectKey), out FakeObject? found)
            ? new HeadObjectResult { ContentLength = found.Data.Length, ETag = found.ETag, HashCrc64Ecma = OmitCrc64 ? null : found.Crc64, Metadata = new Dictionary<string, string>(), RequestId = "fake-head" }
            : null;
    }

    public async Task<ListMultipartUploadsResult> ListMultipartUploadsAsync(ListMultipartUploadsRequest request, CancellationToken cancellationToken)
    {
        Record("ListUploads", 0, null, cancellationToken);
        await new ThreadPoolHop();
        cancellationToken.ThrowIfCancellationRequested();
        List<OssMultipartUploadInfo> uploads = Uploads
            .Where(u => u.Value.Bucket == request.BucketName && u.Value.Key.StartsWith(request.Prefix ?? string.Empty, StringComparison.Ordinal))
            .Select(u => new OssMultipartUploadInfo { ObjectKey = u.Value.Key, UploadId = u.Key, Initiated = u.Value.Initiated })
            .OrderBy(u => u.ObjectKey, StringComparer.Ordinal).ThenBy(u => u.UploadId, StringComparer.Ordinal)
            .ToList();
        return new ListMultipartUploadsResult { Uploads = uploads };
    }

    private async Task<byte[]> ReadBodyAsync(OssRequestBody body, Action<long>? progress, CancellationToken cancellationToken)
    {
        using HttpContent content = body.CreateContent(progress is null && OnChunkReceived is null ? null : sent =>
        {
            progress?.Invoke(sent);
            OnChunkReceived?.Invoke();
        });
        using var received = new MemoryStream();
        await content.CopyToAsync(received, cancellationToken).ConfigureAwait(false);
        return received.ToArray();
    }

    private void Record(string operation, int partNumber, string? uploadId, CancellationToken token, IReadOnlyList<PartETag>? parts = null)
        => Calls.Enqueue(new FakeCall(operation, partNumber, uploadId, token, token.IsCancellationRequested, parts));
}

/// <summary>One call the fake received.</summary>
internal sealed record FakeCall(string Operation, int PartNumber, string? UploadId, CancellationToken Token, bool TokenWasCancelled, IReadOnlyList<PartETag>? Parts);

/// <summary>An upload in progress in the fake.</summary>
internal sealed record FakeUpload(string Bucket, string Key, string? ContentType)
{
    /// <summary>Gets or sets when the upload was initiated, as ListMultipartUploads reports it.</summary>
    public DateTimeOffset Initiated { get; set; } = DateTimeOffset.UtcNow;

    public ConcurrentDictionary<int, FakePart> Parts { get; } = new();
}

/// <summary>A stored part.</summary>
internal sealed record FakePart(byte[] Data, string ETag, ulong Crc64)
{
    public static FakePart Of(byte[] data) => new(data, "\"" + Convert.ToHexString(MD5.HashData(data)) + "\"", OssCrc64.Compute(data));
}

/// <summary>A stored object.</summary>
internal sealed record FakeObject(byte[] Data, string ETag, ulong Crc64, string? ContentType);
