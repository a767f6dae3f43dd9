namespace Oss.ResumableUpload.Testing;

/// <summary>What the signature check needs from an incoming request: everything decoded, headers case-insensitive.</summary>
internal sealed class SignedRequestView
{
    public required string Method { get; init; }

    public string? Bucket { get; init; }

    public string? Key { get; init; }

    /// <summary>Decoded query parameters in wire order; a parameter without a value has an empty string.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Query { get; init; }

    /// <summary>The request headers as sent (several values of one name joined with <c>,</c>).</summary>
    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    public string? GetHeader(string name) => Headers.TryGetValue(name, out string? value) ? value : null;

    public string? GetQuery(string name)
    {
        foreach (KeyValuePair<string, string> parameter in Query)
        {
            if (string.Equals(parameter.Key, name, StringComparison.Ordinal))
            {
                return parameter.Value;
            }
        }

        return null;
    }
}
