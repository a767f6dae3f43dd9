using System.Buffers;

namespace Oss.ResumableUpload.Signing;

/// <summary>
/// Writes the V4 canonical request (PROTOCOL.md section 7) into a <see cref="CharBuilder"/>: method, canonical URI,
/// canonical query, canonical headers, additional header names and the hashed payload. Sorting happens in pooled
/// arrays and header names are lower-cased without a new string for the usual ones, so signing a part allocates
/// nothing here.
/// </summary>
internal static class V4CanonicalRequest
{
    private static readonly Comparison<KeyValuePair<string, string>> s_byNameThenValue = static (a, b) =>
    {
        int byName = string.CompareOrdinal(a.Key, b.Key);
        return byName != 0 ? byName : string.CompareOrdinal(a.Value, b.Value);
    };

    private static readonly Comparison<KeyValuePair<string, string>> s_byName = static (a, b) => string.CompareOrdinal(a.Key, b.Key);

    public static void Append(ref CharBuilder sb, SigningInput input, IReadOnlyList<string> additionalHeaders, string hashedPayload, IReadOnlyList<KeyValuePair<string, string>> query)
    {
        sb.Append(input.Method);
        sb.Append('\n');

        // Canonical URI: the escaped "/bucket/key"; '/' is kept, so each part can be escaped on its own.
        sb.Append('/');
        if (!string.IsNullOrEmpty(input.Bucket))
        {
            OssUriEncoder.AppendEscaped(ref sb, input.Bucket, keepSlash: true);
            sb.Append('/');
            OssUriEncoder.AppendEscaped(ref sb, input.Key ?? string.Empty, keepSlash: true);
        }

        sb.Append('\n');
        AppendQuery(ref sb, query);
        sb.Append('\n');
        AppendHeaders(ref sb, input.Headers, additionalHeaders);
        sb.Append('\n');
        for (int i = 0; i < additionalHeaders.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(';');
            }

            sb.Append(additionalHeaders[i]);
        }

        sb.Append('\n');
        sb.Append(hashedPayload);
    }

    /// <summary>True for the headers V4 always signs: <c>x-oss-*</c>, <c>content-type</c>, <c>content-md5</c>.</summary>
    public static bool IsDefaultSigned(string lowerName)
        => lowerName.StartsWith("x-oss-", StringComparison.Ordinal) || lowerName is "content-type" or "content-md5";

    /// <summary>Encoded names and values, sorted by encoded name (then value), <c>name=value</c> joined by <c>&amp;</c>.</summary>
    private static void AppendQuery(ref CharBuilder sb, IReadOnlyList<KeyValuePair<string, string>> query)
    {
        if (query.Count == 0)
        {
            return;
        }

        KeyValuePair<string, string>[] encoded = ArrayPool<KeyValuePair<string, string>>.Shared.Rent(query.Count);
        try
        {
            for (int i = 0; i < query.Count; i++)
            {
                KeyValuePair<string, string> parameter = query[i];
                encoded[i] = new(OssUriEncoder.EscapeQuery(parameter.Key), OssUriEncoder.EscapeQuery(parameter.Value ?? string.Empty));
            }

            Span<KeyValuePair<string, string>> sorted = encoded.AsSpan(0, query.Count);
            sorted.Sort(s_byNameThenValue);
            for (int i = 0; i < sorted.Length; i++)
            {
                if (i > 0)
                {
                    sb.Append('&');
                }

                sb.Append(sorted[i].Key);
                if (sorted[i].Value.Length > 0)
                {
                    sb.Append('=');
                    sb.Append(sorted[i].Value);
                }
            }
        }
        finally
        {
            ArrayPool<KeyValuePair<string, string>>.Shared.Return(encoded, clearArray: true);
        }
    }

    /// <summary><c>name:value\n</c> for each signed header, lower-cased names sorted ordinally, values trimmed.</summary>
    private static void AppendHeaders(ref CharBuilder sb, IDictionary<string, string> headers, IReadOnlyList<string> additionalHeaders)
    {
        KeyValuePair<string, string>[] signed = ArrayPool<KeyValuePair<string, string>>.Shared.Rent(Math.Max(headers.Count, 1));
        int count = 0;
        try
        {
            // The concrete dictionaries are enumerated through their struct enumerators (no boxed enumerator).
            Dictionary<string, string>? dictionary = headers as Dictionary<string, string> ?? (headers as IHeaderEntries)?.Entries;
            if (dictionary is not null)
            {
                foreach (KeyValuePair<string, string> header in dictionary)
                {
                    Collect(header, additionalHeaders, signed, ref count);
                }
            }
            else
            {
                foreach (KeyValuePair<string, string> header in headers)
                {
                    Collect(header, additionalHeaders, signed, ref count);
                }
            }

            Span<KeyValuePair<string, string>> sorted = signed.AsSpan(0, count);
            sorted.Sort(s_byName);
            foreach (KeyValuePair<string, string> header in sorted)
            {
                sb.Append(header.Key);
                sb.Append(':');
                sb.Append(header.Value);
                sb.Append('\n');
            }
        }
        finally
        {
            ArrayPool<KeyValuePair<string, string>>.Shared.Return(signed, clearArray: true);
        }
    }

    private static void Collect(KeyValuePair<string, string> header, IReadOnlyList<string> additionalHeaders, KeyValuePair<string, string>[] signed, ref int count)
    {
        string name = LowerName(header.Key);
        if (IsDefaultSigned(name) || Contains(additionalHeaders, name))
        {
            signed[count++] = new(name, header.Value.Trim());
        }
    }

    /// <summary>The name lower-cased (invariant), as a constant for the usual mixed-case names and unchanged when already lower-case.</summary>
    public static string LowerName(string name)
    {
        foreach (char c in name)
        {
            if (char.IsAsciiLetterUpper(c) || !char.IsAscii(c))
            {
                return name.Equals("Content-MD5", StringComparison.OrdinalIgnoreCase) ? "content-md5"
                    : name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) ? "content-type"
                    : name.Equals("Date", StringComparison.OrdinalIgnoreCase) ? "date"
                    : name.ToLowerInvariant();
            }
        }

        return name;
    }

    private static bool Contains(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return true;
            }
        }

        return false;
    }
}
