using System.Globalization;

namespace Oss.ResumableUpload.Testing;

/// <content>ListParts and ListMultipartUploads.</content>
internal sealed partial class MultipartHandlers
{
    public Task<OssReply> ListPartsAsync(OssRequestContext request)
    {
        string key = RequestChecks.RequireKey(request);
        int maxParts = Math.Min(RequestChecks.ParseIntParameter(request, "max-parts", 1000, 1, 1000), runtime.Options.MaxListPageSize);
        int marker = RequestChecks.ParseIntParameter(request, "part-number-marker", 0, 0, 10_000);
        List<PartState> page;
        bool truncated;
        lock (State.Gate)
        {
            UploadState upload = RequestChecks.FindUploadLocked(State, request);
            page = upload.Parts.Values.Where(p => p.PartNumber > marker).Take(maxParts + 1).ToList();
            truncated = page.Count > maxParts;
            if (truncated)
            {
                page.RemoveAt(page.Count - 1);
            }
        }

        int next = page.Count > 0 ? page[^1].PartNumber : marker;
        byte[] xml = XmlReply.Build("ListPartsResult", w =>
        {
            if (request.UrlEncodingRequested)
            {
                w.WriteElementString("EncodingType", "url");
            }

            w.WriteElementString("Bucket", request.Bucket);
            w.WriteElementString("Key", request.EncodeForXml(key));
            w.WriteElementString("UploadId", request.UploadId);
            w.WriteElementString("StorageClass", "Standard");
            w.WriteElementString("PartNumberMarker", marker.ToString(CultureInfo.InvariantCulture));
            w.WriteElementString("NextPartNumberMarker", next.ToString(CultureInfo.InvariantCulture));
            w.WriteElementString("MaxParts", maxParts.ToString(CultureInfo.InvariantCulture));
            w.WriteElementString("IsTruncated", truncated ? "true" : "false");
            foreach (PartState part in page)
            {
                w.WriteStartElement("Part");
                w.WriteElementString("PartNumber", part.PartNumber.ToString(CultureInfo.InvariantCulture));
                w.WriteElementString("LastModified", XmlReply.FormatTime(part.LastModified));
                w.WriteElementString("ETag", request.FormatETag(part.ETag));
                w.WriteElementString("HashCrc64ecma", request.FormatCrc64(part.Blob.Crc64));
                w.WriteElementString("Size", part.Size.ToString(CultureInfo.InvariantCulture));
                w.WriteEndElement();
            }
        });
        return Task.FromResult(OssReply.Xml(xml));
    }

    public Task<OssReply> ListUploadsAsync(OssRequestContext request)
    {
        string bucket = request.Bucket!;
        string prefix = request.Target.Get("prefix") ?? string.Empty;
        string delimiter = request.Target.Get("delimiter") ?? string.Empty;
        string keyMarker = request.Target.Get("key-marker") ?? string.Empty;
        string uploadIdMarker = request.Target.Get("upload-id-marker") ?? string.Empty;
        int maxUploads = Math.Min(RequestChecks.ParseIntParameter(request, "max-uploads", 1000, 1, 1000), runtime.Options.MaxListPageSize);

        List<(string Key, string UploadId, DateTimeOffset Initiated)> candidates;
        lock (State.Gate)
        {
            candidates = State.Uploads.Values
                .Where(u => u.Bucket == bucket && u.Key.StartsWith(prefix, StringComparison.Ordinal))
                .Select(u => (u.Key, u.UploadId, u.Initiated))
                .ToList();
        }

        candidates.Sort(static (a, b) =>
        {
            int byKey = string.CompareOrdinal(a.Key, b.Key);
            return byKey != 0 ? byKey : string.CompareOrdinal(a.UploadId, b.UploadId);
        });

        var uploads = new List<(string Key, string UploadId, DateTimeOffset Initiated)>();
        var commonPrefixes = new List<string>();
        bool truncated = false;
        string nextKeyMarker = string.Empty;
        string nextUploadIdMarker = string.Empty;
        foreach ((string Key, string UploadId, DateTimeOffset Initiated) upload in candidates)
        {
            bool afterMarker = keyMarker.Length == 0
                || string.CompareOrdinal(upload.Key, keyMarker) > 0
                || (uploadIdMarker.Length > 0 && upload.Key == keyMarker && string.CompareOrdinal(upload.UploadId, uploadIdMarker) > 0);
            if (!afterMarker)
            {
                continue;
            }

            string? commonPrefix = null;
            if (delimiter.Length > 0)
            {
                int at = upload.Key.IndexOf(delimiter, prefix.Length, StringComparison.Ordinal);
                if (at >= 0)
                {
                    commonPrefix = upload.Key[..(at + delimiter.Length)];
                    if (commonPrefixes.Count > 0 && commonPrefixes[^1] == commonPrefix)
                    {
                        continue;
                    }
                }
            }

            if (uploads.Count + commonPrefixes.Count == maxUploads)
            {
                truncated = true;
                break;
            }

            if (commonPrefix is not null)
            {
                commonPrefixes.Add(commonPrefix);
                nextKeyMarker = commonPrefix;
                nextUploadIdMarker = string.Empty;
            }
            else
            {
                uploads.Add(upload);
                nextKeyMarker = upload.Key;
                nextUploadIdMarker = upload.UploadId;
            }
        }

        byte[] xml = XmlReply.Build("ListMultipartUploadsResult", w =>
        {
            if (request.UrlEncodingRequested)
            {
                w.WriteElementString("EncodingType", "url");
            }

            w.WriteElementString("Bucket", bucket);
            w.WriteElementString("KeyMarker", request.EncodeForXml(keyMarker));
            w.WriteElementString("UploadIdMarker", uploadIdMarker);
            w.WriteElementString("NextKeyMarker", truncated ? request.EncodeForXml(nextKeyMarker) : string.Empty);
            w.WriteElementString("NextUploadIdMarker", truncated ? nextUploadIdMarker : string.Empty);
            w.WriteElementString("Delimiter", request.EncodeForXml(delimiter));
            w.WriteElementString("Prefix", request.EncodeForXml(prefix));
            w.WriteElementString("MaxUploads", maxUploads.ToString(CultureInfo.InvariantCulture));
            w.WriteElementString("IsTruncated", truncated ? "true" : "false");
            foreach ((string Key, string UploadId, DateTimeOffset Initiated) upload in uploads)
            {
                w.WriteStartElement("Upload");
                w.WriteElementString("Key", request.EncodeForXml(upload.Key));
                w.WriteElementString("UploadId", upload.UploadId);
                w.WriteElementString("StorageClass", "Standard");
                w.WriteElementString("Initiated", XmlReply.FormatTime(upload.Initiated));
                w.WriteEndElement();
            }

            foreach (string commonPrefix in commonPrefixes)
            {
                w.WriteStartElement("CommonPrefixes");
                w.WriteElementString("Prefix", request.EncodeForXml(commonPrefix));
                w.WriteEndElement();
            }
        });
        return Task.FromResult(OssReply.Xml(xml));
    }
}
