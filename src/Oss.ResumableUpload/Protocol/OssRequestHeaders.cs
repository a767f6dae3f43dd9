using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Oss.ResumableUpload.Protocol;

/// <summary>
/// The headers of one operation, case-insensitive by name. Every name must be a token and every value a valid
/// field value (<see cref="OssHeaderRules"/>); a bad one throws <see cref="ArgumentException"/> when it is set,
/// so no operation can carry a header that would be injected, re-encoded or refused on the wire.
/// </summary>
internal sealed class OssRequestHeaders : IDictionary<string, string>, IReadOnlyDictionary<string, string>, Signing.IHeaderEntries
{
    private readonly Dictionary<string, string> _headers = new(StringComparer.OrdinalIgnoreCase);

    public int Count => _headers.Count;

    /// <summary>For the signer only: it sets the headers it computes (dates, constants, the STS token) without the checks, which are for caller-supplied values.</summary>
    Dictionary<string, string> Signing.IHeaderEntries.Entries => _headers;

    public ICollection<string> Keys => _headers.Keys;

    public ICollection<string> Values => _headers.Values;

    bool ICollection<KeyValuePair<string, string>>.IsReadOnly => false;

    IEnumerable<string> IReadOnlyDictionary<string, string>.Keys => _headers.Keys;

    IEnumerable<string> IReadOnlyDictionary<string, string>.Values => _headers.Values;

    public string this[string key]
    {
        get => _headers[key];
        set
        {
            Ensure(key, value);
            _headers[key] = value;
        }
    }

    public void Add(string key, string value)
    {
        Ensure(key, value);
        _headers.Add(key, value);
    }

    public bool ContainsKey(string key) => _headers.ContainsKey(key);

    public bool Remove(string key) => _headers.Remove(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value) => _headers.TryGetValue(key, out value);

    public void Clear() => _headers.Clear();

    public Dictionary<string, string>.Enumerator GetEnumerator() => _headers.GetEnumerator();

    void ICollection<KeyValuePair<string, string>>.Add(KeyValuePair<string, string> item) => Add(item.Key, item.Value);

    bool ICollection<KeyValuePair<string, string>>.Contains(KeyValuePair<string, string> item) => ((ICollection<KeyValuePair<string, string>>)_headers).Contains(item);

    void ICollection<KeyValuePair<string, string>>.CopyTo(KeyValuePair<string, string>[] array, int arrayIndex) => ((ICollection<KeyValuePair<string, string>>)_headers).CopyTo(array, arrayIndex);

    bool ICollection<KeyValuePair<string, string>>.Remove(KeyValuePair<string, string> item) => ((ICollection<KeyValuePair<string, string>>)_headers).Remove(item);

    IEnumerator<KeyValuePair<string, string>> IEnumerable<KeyValuePair<string, string>>.GetEnumerator() => _headers.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _headers.GetEnumerator();

    private static void Ensure(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        if (!OssHeaderRules.IsToken(name))
        {
            throw new ArgumentException($"'{Printable(name)}' is not a valid header name (an RFC 9110 token).");
        }

        if (!OssHeaderRules.IsFieldValue(value))
        {
            // The message is built only for a bad value: every request sets several headers.
            OssHeaderRules.EnsureFieldValue(value, $"The value of header '{name}'", paramName: null);
        }
    }

    private static string Printable(string text) => text.ReplaceLineEndings("\\n");
}
