using System.Text;
using System.Xml;

namespace Oss.ResumableUpload.Testing;

/// <summary>Writes the small XML documents OSS answers with.</summary>
internal static class XmlReply
{
    private static readonly XmlWriterSettings s_settings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = false,
        OmitXmlDeclaration = false,

        // Keys may hold control characters that XML 1.0 cannot carry; clients ask for encoding-type=url to get them.
        // Without it, write them as character references rather than failing the request.
        CheckCharacters = false,
    };

    public static byte[] Build(string rootElement, Action<XmlWriter> writeContent)
    {
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, s_settings))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement(rootElement);
            writeContent(writer);
            writer.WriteEndElement();
            writer.WriteEndDocument();
        }

        return buffer.ToArray();
    }

    public static byte[] Error(OssError error, string requestId, string hostId) => Build("Error", writer =>
    {
        writer.WriteElementString("Code", error.Code);
        writer.WriteElementString("Message", error.Message);
        writer.WriteElementString("RequestId", requestId);
        writer.WriteElementString("HostId", hostId);
        foreach (KeyValuePair<string, string> detail in error.Details)
        {
            writer.WriteElementString(detail.Key, detail.Value);
        }

        writer.WriteElementString("EC", error.Ec);
        writer.WriteElementString("RecommendDoc", "https://api.aliyun.com/troubleshoot?q=" + error.Ec);
    });

    public static string FormatTime(DateTimeOffset time)
        => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
