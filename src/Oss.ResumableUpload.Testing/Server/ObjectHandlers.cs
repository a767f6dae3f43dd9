using System.Globalization;

namespace Oss.ResumableUpload.Testing;

/// <summary>PutObject, GetObject, HeadObject and DeleteObject, and the upload callback they share with Complete.</summary>
internal sealed class ObjectHandlers(ServerRuntime runtime)
{
    public const string DefaultContentType = "application/octet-stream";

    private ServerState State => runtime.State;

    public async Task<OssReply> PutAsync(OssRequestContext request)
    {
        string key = RequestChecks.RequireKey(request);
        string bucket = request.Bucket!;
        bool forbidOverwrite = request.HeaderIsTrue("x-oss-forbid-overwrite");
        RequestChecks.CheckDeclaredLength(request);
        Md5Value? expectedMd5 = RequestChecks.ParseContentMd5(request);
        CallbackSettings? callback = CallbackSettings.FromRequest(request);
        StoredSettings settings = StoredSettings.FromRequest(request);
        if (forbidOverwrite)
        {
            lock (State.Gate)
            {
                if (State.Buckets[bucket].ContainsKey(key))
                {
                    throw OssError.FileAlreadyExists().ToException();
                }
            }
        }

        StoredBlob blob = await RequestBodyReader.ReadToBlobAsync(request, runtime.Blobs, request.Aborted).ConfigureAwait(false);
        ObjectState created;
        ObjectState? replaced;
        try
        {
            RequestChecks.VerifyContentMd5(request, expectedMd5, blob.Md5);
            created = new ObjectState
            {
                Key = key,
                Segments = [blob],
                Length = blob.Length,
                ETag = blob.Md5.ToETag(),
                Md5 = blob.Md5,
                Crc64 = blob.Crc64,
                ContentType = request.Header("Content-Type") ?? DefaultContentType,
                Metadata = request.CollectMetadata(),
                Settings = settings,
                LastModified = runtime.Time.GetUtcNow(),
            };
            lock (State.Gate)
            {
                SortedDictionary<string, ObjectState> objects = State.Buckets.TryGetValue(bucket, out var found)
                    ? found
                    : throw OssError.NoSuchBucket(bucket).ToException();
                if (forbidOverwrite && objects.ContainsKey(key))
                {
                    throw OssError.FileAlreadyExists().ToException();
                }

                objects.TryGetValue(key, out replaced);
                objects[key] = created;
            }
        }
        catch
        {
            blob.Delete();
            throw;
        }

        replaced?.DeleteContent();
        if (callback is not null)
        {
            return await RunCallbackAsync(request, callback, created).ConfigureAwait(false);
        }

        return OssReply.Empty()
            .WithHeader("ETag", request.FormatETag(created.ETag))
            .WithHeader("x-oss-hash-crc64ecma", request.FormatCrc64(created.Crc64))
            .WithHeader("Content-MD5", blob.Md5.ToBase64());
    }

    public Task<OssReply> GetAsync(OssRequestContext request, bool headOnly)
    {
        string key = RequestChecks.RequireKey(request);
        ObjectState found = Find(request.Bucket!, key);
        long offset = 0;
        long count = found.Length;
        int status = 200;
        string? contentRange = null;
        bool unsatisfiable = false;
        if (!headOnly && TryParseRange(request.Header("Range"), found.Length, out long first, out long last, out unsatisfiable))
        {
            offset = first;
            count = last - first + 1;
            status = 206;
            contentRange = $"bytes {first}-{last}/{found.Length}";
        }
        else if (!headOnly && unsatisfiable && string.Equals(request.Header("x-oss-range-behavior"), "standard", StringComparison.OrdinalIgnoreCase))
        {
            throw OssError.InvalidRange(found.Length).ToException();
        }

        if (!headOnly && !runtime.Blobs.KeepsContent)
        {
            throw OssError.NotImplemented("The OSS test server runs in Discard storage mode and keeps no object content.").ToException();
        }

        var reply = new OssReply
        {
            StatusCode = status,
            ContentType = found.ContentType,
            StreamedLength = count,
            WriteBody = headOnly ? null : (stream, token) => found.CopyRangeToAsync(stream, offset, count, token),
        };
        reply.WithHeader("ETag", request.FormatETag(found.ETag))
            .WithHeader("Last-Modified", RequestChecks.HttpDate(found.LastModified))
            .WithHeader("Accept-Ranges", "bytes")
            .WithHeader("x-oss-object-type", found.IsMultipart ? "Multipart" : "Normal")
            .WithHeader("x-oss-hash-crc64ecma", request.FormatCrc64(found.Crc64));
        found.Settings.WriteTo(reply);
        if (found.Md5 is { } md5)
        {
            reply.WithHeader("Content-MD5", md5.ToBase64());
        }

        if (contentRange is not null)
        {
            reply.WithHeader("Content-Range", contentRange);
        }

        foreach (KeyValuePair<string, string> metadata in found.Metadata)
        {
            reply.WithHeader(metadata.Key, metadata.Value);
        }

        return Task.FromResult(reply);
    }

    public Task<OssReply> DeleteAsync(OssRequestContext request)
    {
        string key = RequestChecks.RequireKey(request);
        ObjectState? removed;
        lock (State.Gate)
        {
            State.Buckets[request.Bucket!].Remove(key, out removed);
        }

        removed?.DeleteContent();
        return Task.FromResult(OssReply.Empty(204));
    }

    /// <summary>Calls the callback for a stored object and builds the answer: its JSON with 200, or 203 CallbackFailed.</summary>
    public async Task<OssReply> RunCallbackAsync(OssRequestContext request, CallbackSettings callback, ObjectState stored)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["bucket"] = request.Bucket!,
            ["object"] = stored.Key,
            ["etag"] = stored.ETag.Trim('"'),
            ["size"] = stored.Length.ToString(CultureInfo.InvariantCulture),
            ["mimeType"] = stored.ContentType,
            ["crc64"] = stored.Crc64.ToString(CultureInfo.InvariantCulture),
            ["contentMd5"] = stored.Md5?.ToBase64() ?? string.Empty,
            ["reqId"] = request.RequestId,
            ["operation"] = request.Operation.ToString(),
            ["clientIp"] = request.Http.Connection.RemoteIpAddress?.ToString() ?? string.Empty,
            ["imageInfo.height"] = string.Empty,
            ["imageInfo.width"] = string.Empty,
            ["imageInfo.format"] = string.Empty,
        };
        CallbackOutcome outcome = await runtime.Callbacks.InvokeAsync(callback, values, request.Aborted).ConfigureAwait(false);
        OssReply reply = outcome.Succeeded
            ? new OssReply { StatusCode = 200, Body = outcome.Reply, ContentType = "application/json" }
            : new OssReply
            {
                StatusCode = 203,
                Body = XmlReply.Error(OssError.CallbackFailed(outcome.FailureMessage!), request.RequestId, OssRequestPipeline.HostId(request)),
                ContentType = "application/xml",
            }.WithHeader("x-oss-ec", "0007-00000203");
        return reply
            .WithHeader("ETag", request.FormatETag(stored.ETag))
            .WithHeader("x-oss-hash-crc64ecma", request.FormatCrc64(stored.Crc64));
    }

    private ObjectState Find(string bucket, string key)
    {
        lock (State.Gate)
        {
            return State.Buckets[bucket].TryGetValue(key, out ObjectState? found) ? found : throw OssError.NoSuchKey(key).ToException();
        }
    }

    /// <summary>Parses a single <c>bytes=first-last</c>, <c>bytes=first-</c> or <c>bytes=-suffix</c> range.</summary>
    internal static bool TryParseRange(string? header, long length, out long first, out long last, out bool unsatisfiable)
    {
        first = last = 0;
        unsatisfiable = false;
        if (string.IsNullOrWhiteSpace(header) || !header.Trim().StartsWith("bytes=", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        string spec = header.Trim()[6..].Trim();
        if (spec.Contains(',', StringComparison.Ordinal))
        {
            return false; // several ranges: OSS answers the whole object
        }

        int dash = spec.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            return false;
        }

        string start = spec[..dash].Trim();
        string end = spec[(dash + 1)..].Trim();
        if (start.Length == 0)
        {
            if (!long.TryParse(end, NumberStyles.None, CultureInfo.InvariantCulture, out long suffix) || suffix == 0 || length == 0)
            {
                unsatisfiable = true;
                return false;
            }

            first = Math.Max(0, length - suffix);
            last = length - 1;
            return true;
        }

        if (!long.TryParse(start, NumberStyles.None, CultureInfo.InvariantCulture, out first))
        {
            return false;
        }

        if (end.Length == 0)
        {
            last = length - 1;
        }
        else if (!long.TryParse(end, NumberStyles.None, CultureInfo.InvariantCulture, out last) || last < first)
        {
            return false;
        }

        if (first >= length)
        {
            unsatisfiable = true;
            return false;
        }

        last = Math.Min(last, length - 1);
        return true;
    }
}
