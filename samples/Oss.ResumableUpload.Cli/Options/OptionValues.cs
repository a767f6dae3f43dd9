using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text;

namespace Oss.ResumableUpload.Cli;

/// <summary>Builders for options whose values need checking: sizes, ranges, bucket names, keys, <c>k=v</c> pairs, environment fallbacks.</summary>
internal static class OptionValues
{
    /// <summary>The value of an environment variable, or null when it is unset or empty.</summary>
    public static string? Environment(string name)
        => System.Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;

    /// <summary>A string option that falls back to an environment variable, then to <paramref name="fallback"/>.</summary>
    public static Option<string?> WithEnvironment(string name, string variable, string description, string? fallback = null) => new(name)
    {
        Description = $"{description} (or {variable})",
        HelpName = name.TrimStart('-').ToUpperInvariant(),
        DefaultValueFactory = _ => Environment(variable) ?? fallback,
    };

    /// <summary>A size such as 1048576, 512KiB, 8MiB or 1GiB, checked against a range.</summary>
    public static Option<long> Size(string name, string description, long fallback, long min, long max) => new(name)
    {
        Description = description,
        HelpName = "SIZE",
        DefaultValueFactory = _ => fallback,
        CustomParser = result =>
        {
            string text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
            long? size = ByteSize.Parse(text);
            if (size is null)
            {
                result.AddError($"{name} must be a size such as 1048576, 512KiB, 8MiB or 1GiB; got '{text}'.");
                return 0;
            }

            if (size < min || size > max)
            {
                result.AddError($"{name} must be between {ByteSize.Format(min)} and {ByteSize.Format(max)}; got {text}.");
            }

            return size.Value;
        },
    };

    /// <summary>A whole number checked against a range.</summary>
    public static Option<int> Int(string name, string description, int fallback, int min, int max)
    {
        var option = new Option<int>(name) { Description = description, HelpName = "N", DefaultValueFactory = _ => fallback };
        option.Validators.Add(result => Check<int>(result, value =>
        {
            if (value < min || value > max)
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name} must be between {min} and {max}; got {value}."));
            }
        }));
        return option;
    }

    /// <summary>Adds an OSS bucket-name check: 3 to 63 lower-case letters, digits and hyphens, no hyphen at either end.</summary>
    public static void ValidateBucketName(SymbolResult result, string name, string? value)
    {
        if (value is not null && !IsBucketName(value))
        {
            result.AddError($"{name}: '{value}' is not a valid bucket name (3 to 63 lower-case letters, digits and hyphens, not starting or ending with a hyphen).");
        }
    }

    /// <summary>Adds an OSS object-key check: 1 to 1023 bytes of UTF-8, not starting with '/' or '\'.</summary>
    public static void ValidateObjectKey(SymbolResult result, string name, string? value)
    {
        if (value is null)
        {
            return;
        }

        if (value.Length == 0)
        {
            result.AddError($"{name} must not be empty.");
        }
        else if (value[0] is '/' or '\\')
        {
            result.AddError($"{name} must not start with '/' or '\\'; got '{value}'.");
        }
        else if (Encoding.UTF8.GetByteCount(value) > 1023)
        {
            result.AddError($"{name} must be at most 1023 bytes of UTF-8.");
        }
    }

    public static bool IsBucketName(string value)
        => value.Length is >= 3 and <= 63
            && value.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-')
            && value[0] != '-'
            && value[^1] != '-';

    /// <summary>A repeatable <c>--name k=v</c> option, read into an ordered dictionary; a repeated key is an error.</summary>
    public static Option<IReadOnlyDictionary<string, string>?> Pairs(string name, string description, int maxCount = int.MaxValue) => new(name)
    {
        Description = description,
        HelpName = "K=V",
        Arity = ArgumentArity.ZeroOrMore,
        AllowMultipleArgumentsPerToken = false,
        CustomParser = result =>
        {
            if (result.Tokens.Count == 0)
            {
                return null;
            }

            var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (Token token in result.Tokens)
            {
                int equals = token.Value.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    result.AddError($"{name} must be KEY=VALUE; got '{token.Value}'.");
                    return null;
                }

                if (!pairs.TryAdd(token.Value[..equals], token.Value[(equals + 1)..]))
                {
                    result.AddError($"{name} names '{token.Value[..equals]}' twice.");
                    return null;
                }
            }

            if (pairs.Count > maxCount)
            {
                result.AddError($"{name} may be given at most {maxCount} times.");
            }

            return pairs;
        },
    };

    /// <summary>
    /// Runs a check on an option's value from a validator, unless the value did not parse: System.CommandLine then
    /// already holds the error, and reading the value would throw it.
    /// </summary>
    public static void Check<T>(OptionResult result, Action<T> check)
    {
        T value;
        try
        {
            value = result.GetValueOrDefault<T>();
        }
        catch (InvalidOperationException)
        {
            return;
        }

        check(value);
    }

    /// <summary>The message of a library argument check, without the parameter name .NET appends.</summary>
    public static string MessageOf(ArgumentException exception)
    {
        string message = exception.Message;
        int newline = message.IndexOf('\n', StringComparison.Ordinal);
        if (newline >= 0)
        {
            message = message[..newline].TrimEnd();
        }

        string suffix = $" (Parameter '{exception.ParamName}')";
        return message.EndsWith(suffix, StringComparison.Ordinal) ? message[..^suffix.Length] : message;
    }
}
