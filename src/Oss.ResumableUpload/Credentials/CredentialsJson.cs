using System.Text.Json;

namespace Oss.ResumableUpload.Credentials;

/// <summary>
/// Reads the flat JSON documents of the metadata service and STS with <see cref="Utf8JsonReader"/> (no reflection, so
/// trimming and AOT stay clean): the string and number properties of the top-level object and of one nested object
/// (STS's <c>Credentials</c>). Everything else is skipped. Malformed JSON yields null.
/// </summary>
internal static class CredentialsJson
{
    /// <summary>The properties of the top-level object, and of <paramref name="nestedObject"/> when given and present.</summary>
    public static (Dictionary<string, string> Top, Dictionary<string, string>? Nested)? Read(ReadOnlySpan<byte> json, string? nestedObject = null)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 16, CommentHandling = JsonCommentHandling.Skip });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            var top = new Dictionary<string, string>(StringComparer.Ordinal);
            Dictionary<string, string>? nested = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string name = reader.GetString()!;
                reader.Read();
                if (nestedObject is not null && reader.TokenType == JsonTokenType.StartObject && string.Equals(name, nestedObject, StringComparison.Ordinal))
                {
                    nested = ReadFlat(ref reader);
                }
                else if (ScalarText(ref reader) is { } text)
                {
                    top[name] = text;
                }
                else
                {
                    reader.Skip();
                }
            }

            return reader.TokenType == JsonTokenType.EndObject ? (top, nested) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Dictionary<string, string> ReadFlat(ref Utf8JsonReader reader)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string name = reader.GetString()!;
            reader.Read();
            if (ScalarText(ref reader) is { } text)
            {
                values[name] = text;
            }
            else
            {
                reader.Skip();
            }
        }

        return values;
    }

    private static string? ScalarText(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        _ => null,
    };
}
