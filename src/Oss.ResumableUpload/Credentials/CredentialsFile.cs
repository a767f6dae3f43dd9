namespace Oss.ResumableUpload.Credentials;

/// <summary>
/// Parses the shared credentials file (<c>~/.alibabacloud/credentials</c>), an INI file of profiles:
/// <c>[name]</c> headers and <c>key = value</c> lines. Lines starting with <c>#</c> or <c>;</c> are comments; a value in
/// matching single or double quotes loses them; keys are case-insensitive; a key given twice keeps its last value.
/// Lines before the first header and lines that are neither headers nor keys are errors, so a damaged file is reported
/// rather than half read. Values are never echoed in messages.
/// </summary>
internal static class CredentialsFile
{
    /// <summary>1 MiB: a credentials file holds a few profiles of a few lines each.</summary>
    public const int MaxFileBytes = 1024 * 1024;

    /// <summary>Reads and parses the file.</summary>
    /// <exception cref="OssClientException">The file is missing, unreadable, too large or malformed (<see cref="OssClientErrorCode.CredentialsUnavailable"/>).</exception>
    public static async Task<Dictionary<string, Dictionary<string, string>>> LoadAsync(string path, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw CredentialsHttp.Failure($"The credentials file '{path}' does not exist.");
            }

            if (info.Length > MaxFileBytes)
            {
                throw CredentialsHttp.Failure($"The credentials file '{path}' is larger than {MaxFileBytes} bytes.");
            }

            text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw CredentialsHttp.Failure($"The credentials file '{path}' could not be read: {ex.GetType().Name}.", ex);
        }

        return Parse(text, path);
    }

    /// <summary>Parses the file's text into profiles: name to (key to value).</summary>
    public static Dictionary<string, Dictionary<string, string>> Parse(string text, string path)
    {
        var profiles = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        Dictionary<string, string>? section = null;
        int lineNumber = 0;
        foreach (string rawLine in text.Split('\n'))
        {
            lineNumber++;
            string line = rawLine.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line[0] == '[')
            {
                string name = line.EndsWith(']') ? line[1..^1].Trim() : "";
                if (name.Length == 0)
                {
                    throw Malformed(path, lineNumber, "a section header must be [name]");
                }

                if (!profiles.TryGetValue(name, out section))
                {
                    section = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                    profiles[name] = section;
                }

                continue;
            }

            int equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw Malformed(path, lineNumber, "expected 'key = value'");
            }

            if (section is null)
            {
                throw Malformed(path, lineNumber, "a key comes before the first [profile] header");
            }

            section[line[..equals].Trim()] = Unquote(line[(equals + 1)..].Trim());
        }

        return profiles;
    }

    private static string Unquote(string value)
        => value.Length >= 2 && value[0] is '"' or '\'' && value[^1] == value[0] ? value[1..^1] : value;

    private static OssClientException Malformed(string path, int line, string problem)
        => CredentialsHttp.Failure($"The credentials file '{path}' is malformed at line {line}: {problem}.");
}
