using System.CommandLine;
using System.CommandLine.Parsing;

namespace Oss.ResumableUpload.Cli;

/// <summary>
/// The <c>oss-upload</c> command tree and how it runs: a mistake on the command line prints one line on stderr and
/// exits with 2, a failure exits with 1, Ctrl+C with 130.
/// </summary>
internal static class CliApp
{
    public static RootCommand Build()
    {
        var root = new RootCommand("oss-upload: resumable uploads to Alibaba Cloud OSS, and a local OSS-compatible server. Without a command it runs 'upload'.");
        root.Subcommands.Add(new UploadCommand().Build());
        root.Subcommands.Add(new AbortIncompleteCommand().Build());
        root.Subcommands.Add(new ServeCommand().Build());
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        // No command runs the demo upload, as the README's first command does; 'help' is --help.
        string[] effective = args switch
        {
            [] => ["upload"],
            ["help", .. var rest] => [.. rest, "--help"],
            _ => args,
        };

        ParseResult parse = Build().Parse(effective);
        if (parse.Errors.Count > 0)
        {
            ParseError error = parse.Errors[0];
            string command = parse.CommandResult.Command is RootCommand ? "oss-upload" : "oss-upload " + parse.CommandResult.Command.Name;
            string message = string.Join(' ', error.Message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            await Console.Error.WriteLineAsync($"oss-upload: {message} (see '{command} --help')");
            return ExitCodes.Usage;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });
        }
        catch (CliUsageException ex)
        {
            await Console.Error.WriteLineAsync("oss-upload: " + ex.Message);
            return ExitCodes.Usage;
        }
        catch (ArgumentException ex)
        {
            // The library's own checks of the request, for what the parser could not know (a file that is a directory).
            await Console.Error.WriteLineAsync("oss-upload: " + OptionValues.MessageOf(ex));
            return ExitCodes.Usage;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync("oss-upload: " + ex.Message);
            return ExitCodes.Failure;
        }
    }
}
