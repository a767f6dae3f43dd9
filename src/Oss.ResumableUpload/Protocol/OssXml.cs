using System.Globalization;
using System.Net;
using System.Text;
using System.Xml;
using Oss.ResumableUpload.Transport;

namespace Oss.ResumableUpload.Protocol;

/// <summary>
/// Reads and writes the XML documents of the multipart protocol. Parsing ignores namespaces (OSS sends some
/// replies with and some without <c>xmlns</c>) and uses <see cref="XmlReader"/> only, so it is trim-safe.
/// </summary>
internal static class OssXml
{
    private static readonly XmlReaderSettings s_settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = false,
    };

    public static InitiateMultipartUploadResult ParseInitiateMultipartUpload(ReadOnlyMemory<byte> xml, string bucket, string key, string? requestId)
    {
        Dictionary<string, string> values = ReadLeaves(xml, "InitiateMultipartUploadResult");
        string uploadId = ReplyValues.CheckUploadId(Required(values, "UploadId", "InitiateMultipartUploadResult"), "the InitiateMultipartUpload reply", requestId);
        CheckEchoes(values, bucket, key, requestId);
        return new InitiateMultipartUploadResult
        {
            BucketName = bucket,
            ObjectKey = key,
            UploadId = uploadId,
            RequestId = requestId,
        };
    }

    public static CompleteMultipartUploadResult ParseCompleteMultipartUpload(ReadOnlyMemory<byte> xml, string bucket, string key, ulong? crc, string? requestId)
    {
        Dictionary<string, string> values = ReadLeaves(xml, "CompleteMultipartUploadResult");
        CheckEchoes(values, bucket, key, requestId);
        return new CompleteMultipartUploadResult
        {
            BucketName = bucket,
            ObjectKey = key,
            ETag = ReplyValues.CheckETag(Required(values, "ETag", "CompleteMultipartUploadResult"), "the CompleteMultipartUpload reply", requestId),
            HashCrc64Ecma = crc,
            RequestId = requestId,
        };
    }

    /// <summary>Reads a ListParts page; the echoed bucket, key and upload id must be the request's.</summary>
    public static ListPartsResult ParseListParts(ReadOnlyMemory<byte> xml, string bucket, string key, string uploadId, string? requestId)
    {
        var parts = new List<OssPartInfo>();
        int? nextMarker = null;
        string? echoedKey = null;
        (bool truncated, bool urlEncoded) = ReadPage(xml, "ListPartsResult", reader =>
        {
            switch (reader.LocalName)
            {
                case "NextPartNumberMarker":
                    string marker = reader.ReadElementContentAsString();
                    nextMarker = marker.Length == 0 ? null : ParseInt(marker, "NextPartNumberMarker");
                    return true;
                case "Bucket" when reader.Depth == 1:
                    ReplyValues.CheckEcho(reader.ReadElementContentAsString(), bucket, "Bucket", requestId);
                    return true;
                case "Key" when reader.Depth == 1:
                    echoedKey = reader.ReadElementContentAsString();
                    return true;
                case "UploadId" when reader.Depth == 1:
                    ReplyValues.CheckEcho(reader.ReadElementContentAsString(), uploadId, "UploadId", requestId);
                    return true;
                case "Part":
                    Dictionary<string, string> part = ReadChildren(reader);
                    parts.Add(new OssPartInfo
                    {
                        PartNumber = ParseInt(Required(part, "PartNumber", "Part"), "PartNumber"),
                        ETag = ReplyValues.CheckETag(Required(part, "ETag", "Part"), "a ListParts <Part>", requestId),
                        Size = ParseLong(Required(part, "Size", "Part"), "Size"),
                        HashCrc64Ecma = ReplyValues.ParseCrc64(part.GetValueOrDefault("HashCrc64ecma"), "<HashCrc64ecma>", requestId),
                        LastModified = part.TryGetValue("LastModified", out string? modified) ? ParseDate(modified) : default,
                    });
                    return true;
                default:
                    return false;
            }
        });

        ReplyValues.CheckKeyEcho(echoedKey, urlEncoded, key, requestId); // <EncodingType> may follow <Key>
        return new ListPartsResult { Parts = parts, IsTruncated = truncated, NextPartNumberMarker = nextMarker, RequestId = requestId };
    }

    /// <summary>Reads a ListMultipartUploads page; upload ids and keys must be well-formed.</summary>
    public static ListMultipartUploadsResult ParseListMultipartUploads(ReadOnlyMemory<byte> xml, string? requestId)
    {
        var uploads = new List<(string Key, string UploadId, DateTimeOffset Initiated)>();
        string? nextKeyMarker = null;
        string? nextUploadIdMarker = null;
        (bool truncated, bool urlEncoded) = ReadPage(xml, "ListMultipartUploadsResult", reader =>
        {
            switch (reader.LocalName)
            {
                case "NextKeyMarker":
                    nextKeyMarker = EmptyToNull(reader.ReadElementContentAsString());
                    return true;
                case "NextUploadIdMarker":
                case "NextUploadMarker":
                    nextUploadIdMarker = EmptyToNull(reader.ReadElementContentAsString());
                    return true;
                case "Upload":
                    Dictionary<string, string> upload = ReadChildren(reader);
                    uploads.Add((
                        Required(upload, "Key", "Upload"),
                        ReplyValues.CheckUploadId(Required(upload, "UploadId", "Upload"), "a ListMultipartUploads <Upload>", requestId),
                        upload.TryGetValue("Initiated", out string? initiated) ? ParseDate(initiated) : default));
                    return true;
                default:
                    return false;
            }
        });

        return new ListMultipartUploadsResult
        {
            Uploads = uploads.ConvertAll(u => new OssMultipartUploadInfo { ObjectKey = CheckListedKey(Decode(u.Key, urlEncoded)!, requestId), UploadId = u.UploadId, Initiated = u.Initiated }),
            IsTruncated = truncated,
            NextKeyMarker = Decode(nextKeyMarker, urlEncoded),
            NextUploadIdMarker = nextUploadIdMarker is null ? null : ReplyValues.CheckUploadId(nextUploadIdMarker, "<NextUploadIdMarker>", requestId),
        };
    }

    /// <summary>Reads an OSS Error document. Returns null when the bytes are not one.</summary>
    public static OssErrorDocument? TryParseError(ReadOnlyMemory<byte> xml)
    {
        if (xml.IsEmpty)
        {
            return null;
        }

        try
        {
            Dictionary<string, string> values = ReadLeaves(xml, "Error");
            return new OssErrorDocument(
                values.GetValueOrDefault("Code"),
                values.GetValueOrDefault("Message"),
                values.GetValueOrDefault("RequestId"),
                values.GetValueOrDefault("HostId"),
                values.GetValueOrDefault("EC"));
        }
        catch (Exception ex) when (ex is XmlException or OssClientException)
        {
            return null;
        }
    }

    /// <summary>The CompleteMultipartUpload body: parts in ascending order.</summary>
    public static byte[] BuildCompleteMultipartUpload(IReadOnlyList<PartETag> sortedParts)
    {
        var sb = new StringBuilder(64 + (sortedParts.Count * 96));
        sb.Append("<CompleteMultipartUpload>");
        foreach (PartETag part in sortedParts)
        {
            sb.Append("<Part><PartNumber>").Append(part.PartNumber.ToString(CultureInfo.InvariantCulture)).Append("</PartNumber><ETag>");
            sb.Append(WebUtility.HtmlEncode(part.ETag));
            sb.Append("</ETag></Part>");
        }

        sb.Append("</CompleteMultipartUpload>");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private static XmlReader CreateReader(ReadOnlyMemory<byte> xml)
    {
        Stream stream = System.Runtime.InteropServices.MemoryMarshal.TryGetArray(xml, out ArraySegment<byte> segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(xml.ToArray(), writable: false);
        return XmlReader.Create(stream, s_settings);
    }

    private static void ExpectRoot(XmlReader reader, string root)
    {
        try
        {
            reader.MoveToContent();
        }
        catch (XmlException ex)
        {
            throw Invalid($"the reply is not XML ({Quote(ex.Message, ServerText.MaxMessageLength)})", ex);
        }

        if (reader.NodeType != XmlNodeType.Element || reader.LocalName != root)
        {
            throw Invalid($"expected a <{root}> document but got <{Quote(reader.LocalName, ServerText.MaxQuotedLength)}>");
        }
    }

    /// <summary>
    /// Reads a listing page element by element. It reads <c>IsTruncated</c> and <c>EncodingType</c>, which every
    /// listing has; <paramref name="element"/> is shown every other element under the root and returns true when it
    /// read it (the reader then stands after it). Any other node is skipped.
    /// </summary>
    private static (bool IsTruncated, bool UrlEncoded) ReadPage(ReadOnlyMemory<byte> xml, string root, Func<XmlReader, bool> element)
    {
        bool truncated = false;
        bool urlEncoded = false;
        try
        {
            using XmlReader reader = CreateReader(xml);
            ExpectRoot(reader, root);
            reader.Read();
            while (!reader.EOF)
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    reader.Read();
                }
                else if (reader.LocalName == "IsTruncated")
                {
                    truncated = ParseBool(reader.ReadElementContentAsString());
                }
                else if (reader.LocalName == "EncodingType")
                {
                    urlEncoded = reader.ReadElementContentAsString() == "url";
                }
                else if (!element(reader))
                {
                    reader.Read();
                }
            }
        }
        catch (XmlException ex)
        {
            throw Invalid($"the <{root}> reply is malformed ({Quote(ex.Message, ServerText.MaxMessageLength)})", ex);
        }

        return (truncated, urlEncoded);
    }

    /// <summary>Reads the text of every leaf element under the root (the first occurrence of each name).</summary>
    private static Dictionary<string, string> ReadLeaves(ReadOnlyMemory<byte> xml, string root)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using XmlReader reader = CreateReader(xml);
            ExpectRoot(reader, root);
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && !reader.IsEmptyElement)
                {
                    string name = reader.LocalName;
                    if (reader.Read() && reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA)
                    {
                        values.TryAdd(name, reader.Value);
                    }
                }
                else if (reader.NodeType == XmlNodeType.Element && reader.IsEmptyElement)
                {
                    values.TryAdd(reader.LocalName, string.Empty);
                }
            }
        }
        catch (XmlException ex)
        {
            throw Invalid($"the <{root}> reply is malformed ({Quote(ex.Message, ServerText.MaxMessageLength)})", ex);
        }

        return values;
    }

    /// <summary>Reads the leaf children of the current element and leaves the reader after its end tag.</summary>
    private static Dictionary<string, string> ReadChildren(XmlReader reader)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return values;
        }

        int depth = reader.Depth;
        reader.Read();
        while (!reader.EOF && reader.Depth > depth)
        {
            if (reader.NodeType == XmlNodeType.Element)
            {
                string name = reader.LocalName;
                values[name] = reader.ReadElementContentAsString();
            }
            else
            {
                reader.Read();
            }
        }

        reader.Read(); // past </Element>
        return values;
    }

    private static bool IsUrlEncoded(Dictionary<string, string> values) => values.GetValueOrDefault("EncodingType") == "url";

    /// <summary>A listed key must be one a request could name: at most <see cref="OssLimits.MaxObjectKeyBytes"/> bytes of UTF-8.</summary>
    private static string CheckListedKey(string key, string? requestId)
        => Encoding.UTF8.GetByteCount(key) <= OssLimits.MaxObjectKeyBytes ? key : throw ProtocolViolation.Create($"a ListMultipartUploads <Key> is longer than {OssLimits.MaxObjectKeyBytes} bytes", requestId);

    private static void CheckEchoes(Dictionary<string, string> values, string bucket, string key, string? requestId)
    {
        ReplyValues.CheckEcho(values.GetValueOrDefault("Bucket"), bucket, "Bucket", requestId);
        ReplyValues.CheckKeyEcho(values.GetValueOrDefault("Key"), IsUrlEncoded(values), key, requestId);
    }

    private static string? Decode(string? value, bool urlEncoded) => value is not null && urlEncoded ? Uri.UnescapeDataString(value) : value;

    private static string? EmptyToNull(string value) => value.Length == 0 ? null : value;

    private static string Required(Dictionary<string, string> values, string name, string element)
        => values.TryGetValue(name, out string? value) && value.Length > 0
            ? value
            : throw Invalid($"<{element}> has no <{name}>");

    private static bool ParseBool(string value) => string.Equals(value.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    private static int ParseInt(string value, string name)
        => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int result) ? result : throw Invalid($"<{name}> is not a number: '{Quote(value, ServerText.MaxQuotedLength)}'");

    private static long ParseLong(string value, string name)
        => long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out long result) ? result : throw Invalid($"<{name}> is not a number: '{Quote(value, ServerText.MaxQuotedLength)}'");

    private static DateTimeOffset ParseDate(string value)
        => DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset result) ? result : default;

    private static string Quote(string value, int maxLength) => ServerText.Clean(value, maxLength);

    private static OssClientException Invalid(string what, Exception? inner = null) => ProtocolViolation.Create(what, innerException: inner);
}

/// <summary>
/// The fields of an OSS Error document that the client uses. The server's <c>StringToSign</c> is deliberately not
/// read: with STS it contains the security token.
/// </summary>
internal sealed record OssErrorDocument(string? Code, string? Message, string? RequestId, string? HostId, string? Ec);
