using Oss.ResumableUpload.Cli;

try
{
    string command = args.Length > 0 ? args[0] : "upload";
    string[] rest = args.Length > 0 ? args[1..] : [];
    return command switch
    {
        "upload" => await UploadCommand.RunAsync(CommandLine.Parse(rest, "abort-on-cancel", "no-checkpoint", "v1", "help")),
        "abort-incomplete" => await AbortIncompleteCommand.RunAsync(CommandLine.Parse(rest, "dry-run", "v1", "help")),
        "serve" => await ServeCommand.RunAsync(CommandLine.Parse(rest, "no-verify", "help")),
        "help" or "--help" or "-h" => Usage.Print(),
        _ => throw new UsageException($"Unknown command '{command}'."),
    };
}
catch (UsageException ex)
{
    Console.Error.WriteLine("oss-upload: " + ex.Message);
    Console.Error.WriteLine("Run 'oss-upload help' for usage.");
    return 2;
}
