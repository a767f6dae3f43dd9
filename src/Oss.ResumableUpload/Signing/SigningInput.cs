namespace Oss.ResumableUpload.Signing;

/// <summary>What a signer needs to know about a request. Query values are decoded; headers are case-insensitive.</summary>
internal sealed class SigningInput
{
    public required string Method { get; init; }

    public string? Bucket { get; init; }

    public string? Key { get; init; }

    /// <summary>Decoded query parameters in wire order; a parameter without a value has an empty string.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Query { get; init; }

    /// <summary>Request headers that matter to signing; the signer adds its own (Date, x-oss-date, ...).</summary>
    public required IDictionary<string, string> Headers { get; init; }

    /// <summary>V4 only: extra header names to sign besides the default ones.</summary>
    public IReadOnlyList<string>? AdditionalHeaders { get; init; }

    public static Dictionary<string, string> CreateHeaders() => new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Sets a header the signer computes (dates, constants, the STS token): an operation's headers take it without re-checking it.</summary>
    public static void SetHeader(IDictionary<string, string> headers, string name, string value)
    {
        if (headers is IHeaderEntries entries)
        {
            entries.Entries[name] = value;
        }
        else
        {
            headers[name] = value;
        }
    }
}
