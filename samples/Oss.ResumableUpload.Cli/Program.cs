using Oss.ResumableUpload.Cli;

return await CliApp.RunAsync(args);
