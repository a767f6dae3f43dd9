using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Oss.ResumableUpload.Testing;

/// <summary>Parses the <c>&lt;CompleteMultipartUpload&gt;</c> body: the parts as listed, in the order given.</summary>
internal static class CompleteMultipartUploadBody
{
    private static readonly XmlReaderSettings s_settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    /// <summary>The deepest element nesting accepted; a part list needs 3 (root, Part, PartNumber).</summary>
    public const int MaxDepth = 32;

    /// <exception cref="OssErrorException">MalformedXML when the document is not a part list or nests deeper than <see cref="MaxDepth"/>.</exception>
    public static List<(int PartNumber, string ETag)> Parse(byte[] body)
    {
        XDocument document;
        try
        {
            // A first, streaming pass bounds the nesting before a tree is built: deep nesting costs a tree
            // (and the reader's scopes) far more than its bytes suggest.
            CheckDepth(body);
            using var stream = new MemoryStream(body, writable: false);
            using var reader = XmlReader.Create(stream, s_settings);
            document = XDocument.Load(reader);
        }
        catch (XmlException ex)
        {
            throw OssError.MalformedXml(ex.Message).ToException();
        }

        XElement root = document.Root!;
        if (root.Name.LocalName != "CompleteMultipartUpload")
        {
            throw OssError.MalformedXml("The root element must be CompleteMultipartUpload.").ToException();
        }

        var parts = new List<(int, string)>();
        foreach (XElement part in root.Elements())
        {
            if (part.Name.LocalName != "Part")
            {
                continue;
            }

            string? number = part.Elements().FirstOrDefault(e => e.Name.LocalName == "PartNumber")?.Value.Trim();
            string? etag = part.Elements().FirstOrDefault(e => e.Name.LocalName == "ETag")?.Value.Trim();
            if (number is null || etag is null || !int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out int partNumber))
            {
                throw OssError.MalformedXml("Each Part needs a numeric PartNumber and an ETag.").ToException();
            }

            if (partNumber is < 1 or > 10_000)
            {
                throw OssError.InvalidPartNumber(number).ToException();
            }

            parts.Add((partNumber, etag));
        }

        if (parts.Count == 0)
        {
            throw OssError.MalformedXml("No parts are listed.").ToException();
        }

        return parts;
    }

    private static void CheckDepth(byte[] body)
    {
        using var stream = new MemoryStream(body, writable: false);
        using var reader = XmlReader.Create(stream, s_settings);
        while (reader.Read())
        {
            if (reader.Depth > MaxDepth)
            {
                throw OssError.MalformedXml($"The document nests elements deeper than {MaxDepth} levels.").ToException();
            }
        }
    }
}
