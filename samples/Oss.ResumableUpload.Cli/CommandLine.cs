using System.Globalization;

namespace Oss.ResumableUpload.Cli;

/// <summary>A small parser for <c>command [positional] --name value --flag</c>.</summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, List<string>> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags;
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    private CommandLine(HashSet<string> flags) => _flags = flags;

    public List<string> Positional { get; } = [];

    public static CommandLine Parse(IEnumerable<string> args, params string[] flags)
    {
        var line = new CommandLine(new HashSet<string>(flags, StringComparer.Ordinal));
        using IEnumerator<string> e = args.GetEnumerator();
        while (e.MoveNext())
        {
            string arg = e.Current;
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                line.Positional.Add(arg);
                continue;
            }

            string name = arg[2..];
            string? value = null;
            int equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                value = name[(equals + 1)..];
                name = name[..equals];
            }
            else if (!line._flags.Contains(name))
            {
                value = e.MoveNext() ? e.Current : throw new UsageException($"--{name} needs a value.");
            }

            if (!line._options.TryGetValue(name, out List<string>? values))
            {
                line._options[name] = values = [];
            }

            values.Add(value ?? "true");
        }

        return line;
    }

    public string? Get(string name)
    {
        _used.Add(name);
        return _options.TryGetValue(name, out List<string>? values) ? values[^1] : null;
    }

    public IReadOnlyList<string> GetAll(string name)
    {
        _used.Add(name);
        return _options.TryGetValue(name, out List<string>? values) ? values : [];
    }

    public bool Has(string name) => Get(name) is not null;

    public int GetInt(string name, int fallback)
    {
        string? value = Get(name);
        return value is null ? fallback : int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int result) ? result : throw new UsageException($"--{name} must be a whole number; got '{value}'.");
    }

    public long? GetSize(string name)
    {
        string? value = Get(name);
        return value is null ? null : ByteSize.Parse(value) ?? throw new UsageException($"--{name} must be a size such as 1048576, 512KiB, 8MiB or 1GiB; got '{value}'.");
    }

    /// <summary>Fails on options that no command read, so typos do not pass silently.</summary>
    public void ThrowOnUnknown()
    {
        foreach (string name in _options.Keys)
        {
            if (!_used.Contains(name))
            {
                throw new UsageException($"Unknown option --{name}.");
            }
        }
    }
}

internal sealed class UsageException(string message) : Exception(message);
