using System.Globalization;
using System.Security.Cryptography;

namespace Oss.ResumableUpload.Testing;

/// <summary>InitiateMultipartUpload, UploadPart, CompleteMultipartUpload and AbortMultipartUpload; the listings are in MultipartHandlers.Listing.cs.</summary>
internal sealed partial class MultipartHandlers(ServerRuntime runtime, ObjectHandlers objects)
{
    private ServerState State => runtime.State;

    public Task<OssReply> InitiateAsync(OssRequestContext request)
    {
        string key = RequestChecks.RequireKey(request);
        string bucket = request.Bucket!;
        StoredSettings settings = StoredSettings.FromRequest(request);
        string uploadId;
        lock (State.Gate)
        {
            if (request.HeaderIsTrue("x-oss-forbid-overwrite") && State.Buckets[bucket].ContainsKey(key))
            {
                throw OssError.FileAlreadyExists().ToException();
            }

            uploadId = State.NewUploadId();
            State.Counters.TryAdd(uploadId, new UploadCounters());
            State.Uploads.Add(uploadId, new UploadState
            {
                UploadId = uploadId,
                Bucket = bucket,
                Key = key,
                Initiated = runtime.Time.GetUtcNow(),
                ContentType = request.Header("Content-Type") ?? ObjectHandlers.DefaultContentType,
                Metadata = request.CollectMetadata(),
                Settings = settings,
            });
        }

        runtime.Journal?.Save(State, uploadId);

        byte[] xml = XmlReply.Build("InitiateMultipartUploadResult", w =>
        {
            if (request.UrlEncodingRequested)
            {
                w.WriteElementString("EncodingType", "url");
            }

            w.WriteElementString("Bucket", bucket);
            w.WriteElementString("Key", request.EncodeForXml(key));
            w.WriteElementString("UploadId", uploadId);
        });
        return Task.FromResult(OssReply.Xml(xml));
    }

    public async Task<OssReply> UploadPartAsync(OssRequestContext request)
    {
        RequestChecks.RequireKey(request);
        string? rawPartNumber = request.Target.Get("partNumber");
        if (rawPartNumber is null)
        {
            throw OssError.InvalidArgument("Unexpected query string parameter: a part upload needs partNumber.", "partNumber", null, "0017-00000219").ToException();
        }

        if (request.PartNumber is not (>= 1 and <= 10_000) || request.PartNumber is not int partNumber)
        {
            throw OssError.InvalidPartNumber(rawPartNumber).ToException();
        }

        if (request.UploadId is null)
        {
            throw OssError.InvalidArgument("A part upload needs uploadId.", "uploadId", null).ToException();
        }

        lock (State.Gate)
        {
            RequestChecks.FindUploadLocked(State, request);
        }

        RequestChecks.CheckDeclaredLength(request);
        Md5Value? expectedMd5 = RequestChecks.ParseContentMd5(request);
        StoredBlob blob = await RequestBodyReader.ReadToBlobAsync(request, runtime.Blobs, request.Aborted).ConfigureAwait(false);
        StoredBlob? replaced = null;
        try
        {
            RequestChecks.VerifyContentMd5(request, expectedMd5, blob.Md5);
            lock (State.Gate)
            {
                UploadState upload = RequestChecks.FindUploadLocked(State, request);
                if (upload.Parts.TryGetValue(partNumber, out PartState? previous))
                {
                    replaced = previous.Blob;
                }

                upload.Parts[partNumber] = new PartState(partNumber, blob, runtime.Time.GetUtcNow());
            }
        }
        catch
        {
            blob.Delete();
            throw;
        }

        replaced?.Delete();
        runtime.Journal?.Save(State, request.UploadId);
        return OssReply.Empty()
            .WithHeader("ETag", request.FormatETag(blob.Md5.ToETag()))
            .WithHeader("x-oss-hash-crc64ecma", request.FormatCrc64(blob.Crc64))
            .WithHeader("Content-MD5", blob.Md5.ToBase64());
    }

    public async Task<OssReply> CompleteAsync(OssRequestContext request)
    {
        string key = RequestChecks.RequireKey(request);
        string bucket = request.Bucket!;
        lock (State.Gate)
        {
            RequestChecks.FindUploadLocked(State, request);
        }

        CallbackSettings? callback = CallbackSettings.FromRequest(request);
        bool completeAll = string.Equals(request.Header("x-oss-complete-all")?.Trim(), "yes", StringComparison.OrdinalIgnoreCase);
        Md5Value? expectedMd5 = RequestChecks.ParseContentMd5(request);
        byte[] body = await RequestBodyReader.ReadSmallAsync(request, request.Aborted).ConfigureAwait(false);
        if (expectedMd5 is not null)
        {
            RequestChecks.VerifyContentMd5(request, expectedMd5, Md5Value.Of(body));
        }

        List<(int PartNumber, string ETag)>? listed = null;
        if (completeAll)
        {
            if (body.Length > 0)
            {
                throw OssError.InvalidArgument("With x-oss-complete-all: yes the request body must be empty.", "x-oss-complete-all", "yes", "0042-00000216").ToException();
            }
        }
        else
        {
            listed = CompleteMultipartUploadBody.Parse(body);
        }

        ObjectState created;
        ObjectState? replaced;
        List<StoredBlob> unused = [];
        lock (State.Gate)
        {
            UploadState upload = RequestChecks.FindUploadLocked(State, request);
            List<PartState> parts = listed is null ? [.. upload.Parts.Values] : SelectParts(upload, listed);
            if (parts.Count == 0)
            {
                throw OssError.MalformedXml("The upload has no parts to complete.").ToException();
            }

            for (int i = 0; i < parts.Count - 1; i++)
            {
                if (parts[i].Size < runtime.Options.MinPartSize)
                {
                    throw OssError.EntityTooSmall(parts[i].PartNumber, parts[i].Size, runtime.Options.MinPartSize).ToException();
                }
            }

            SortedDictionary<string, ObjectState> objectsInBucket = State.Buckets[bucket];
            if (request.HeaderIsTrue("x-oss-forbid-overwrite") && objectsInBucket.ContainsKey(key))
            {
                throw OssError.FileAlreadyExists().ToException();
            }

            created = Assemble(upload, parts);
            var used = new HashSet<StoredBlob>(parts.Select(p => p.Blob));
            unused.AddRange(upload.Parts.Values.Select(p => p.Blob).Where(b => !used.Contains(b)));
            State.Uploads.Remove(upload.UploadId);
            objectsInBucket.TryGetValue(key, out replaced);
            objectsInBucket[key] = created;
        }

        ServerState.DeleteAll(unused);
        replaced?.DeleteContent();
        runtime.Journal?.Forget(request.UploadId!);

        if (callback is not null)
        {
            return await objects.RunCallbackAsync(request, callback, created).ConfigureAwait(false);
        }

        string etag = request.FormatETag(created.ETag);
        byte[] xml = XmlReply.Build("CompleteMultipartUploadResult", w =>
        {
            if (request.UrlEncodingRequested)
            {
                w.WriteElementString("EncodingType", "url");
            }

            w.WriteElementString("Location", $"http://{request.Http.Request.Host.Value}/{bucket}/{OssUrlEncoding.EscapePath(key)}");
            w.WriteElementString("Bucket", bucket);
            w.WriteElementString("Key", request.EncodeForXml(key));
            w.WriteElementString("ETag", etag);
        });
        return OssReply.Xml(xml)
            .WithHeader("ETag", etag)
            .WithHeader("x-oss-hash-crc64ecma", request.FormatCrc64(created.Crc64));
    }

    public Task<OssReply> AbortAsync(OssRequestContext request)
    {
        RequestChecks.RequireKey(request);
        List<StoredBlob> blobs;
        lock (State.Gate)
        {
            UploadState upload = RequestChecks.FindUploadLocked(State, request);
            blobs = State.RemoveUploadLocked(upload);
        }

        ServerState.DeleteAll(blobs);
        runtime.Journal?.Forget(request.UploadId!);
        return Task.FromResult(OssReply.Empty(204));
    }

    /// <summary>Checks the listed parts in order (InvalidPartOrder, then InvalidPart) and returns them.</summary>
    private static List<PartState> SelectParts(UploadState upload, List<(int PartNumber, string ETag)> listed)
    {
        for (int i = 1; i < listed.Count; i++)
        {
            if (listed[i].PartNumber <= listed[i - 1].PartNumber)
            {
                throw OssError.InvalidPartOrder().ToException();
            }
        }

        var parts = new List<PartState>(listed.Count);
        foreach ((int partNumber, string etag) in listed)
        {
            if (!upload.Parts.TryGetValue(partNumber, out PartState? part) || !part.Blob.Md5.MatchesETag(etag))
            {
                throw OssError.InvalidPart(upload.UploadId, partNumber, etag).ToException();
            }

            parts.Add(part);
        }

        return parts;
    }

    private ObjectState Assemble(UploadState upload, List<PartState> parts)
    {
        ulong crc = 0;
        long length = 0;
        Span<byte> digests = new byte[16 * parts.Count];
        for (int i = 0; i < parts.Count; i++)
        {
            PartState part = parts[i];
            crc = ObjectCrc64.Combine(crc, part.Blob.Crc64, part.Size);
            length += part.Size;
            part.Blob.Md5.WriteTo(digests.Slice(i * 16, 16));
        }

        string etag = "\"" + Convert.ToHexString(MD5.HashData(digests)) + "-" + parts.Count.ToString(CultureInfo.InvariantCulture) + "\"";
        return new ObjectState
        {
            Key = upload.Key,
            Segments = parts.Select(p => p.Blob).ToArray(),
            Length = length,
            ETag = etag,
            Crc64 = crc,
            ContentType = upload.ContentType,
            Metadata = upload.Metadata,
            Settings = upload.Settings,
            LastModified = runtime.Time.GetUtcNow(),
            IsMultipart = true,
        };
    }
}
