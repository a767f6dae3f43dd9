using System.CommandLine;

namespace Oss.ResumableUpload.Cli;

/// <summary>The options of a directory upload: <c>--recursive</c>, <c>--prefix</c>, the filters and the failure policy.</summary>
internal sealed class DirectoryOptions
{
    public Option<bool> Recursive { get; } = new("--recursive", "-r") { Description = "Upload the directory FILE and everything under it" };

    public Option<string?> Prefix { get; } = new("--prefix") { Description = "Key prefix of every object of a directory upload, used as given (add the trailing '/')", HelpName = "PREFIX" };

    public Option<string[]> Include { get; } = new("--include") { Description = "Upload only files matching this glob, relative to the directory with '/' (repeatable; * and **)", HelpName = "GLOB", DefaultValueFactory = _ => [] };

    public Option<string[]> Exclude { get; } = new("--exclude") { Description = "Leave out files matching this glob; wins over --include (repeatable)", HelpName = "GLOB", DefaultValueFactory = _ => [] };

    public Option<bool> SkipUnchanged { get; } = new("--skip-unchanged") { Description = "Skip files whose object already has the same size and CRC-64" };

    public Option<bool> FollowSymlinks { get; } = new("--follow-symlinks") { Description = "Follow symbolic links (default: leave them out)" };

    public Option<bool> IncludeHidden { get; } = new("--include-hidden") { Description = "Upload hidden files and directories (default: leave them out)" };

    public Option<bool> StopOnFirstFailure { get; } = new("--stop-on-first-failure") { Description = "Stop the directory upload at the first failed file" };

    public void AddTo(Command command)
    {
        Prefix.Validators.Add(result => OptionValues.Check<string?>(result, value =>
        {
            if (value is { Length: > 0 } && value[0] is '/' or '\\')
            {
                result.AddError($"--prefix must not start with '/' or '\\'; got '{value}'.");
            }
        }));
        foreach (Option option in new Option[] { Recursive, Prefix, Include, Exclude, SkipUnchanged, FollowSymlinks, IncludeHidden, StopOnFirstFailure })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Refuses the directory-only options for a single file or stdin.</summary>
    /// <exception cref="CliUsageException">One of them was given.</exception>
    public void RefuseWithoutDirectory(ParseResult parse)
    {
        foreach (Option option in new Option[] { Recursive, Prefix, Include, Exclude, SkipUnchanged, FollowSymlinks, IncludeHidden, StopOnFirstFailure })
        {
            if (parse.GetResult(option) is { Implicit: false })
            {
                throw new CliUsageException($"{option.Name} is for directory uploads only: give a directory as FILE.");
            }
        }
    }
}
