namespace Oss.ResumableUpload.Cli;

/// <summary>A mistake in the command line or its environment found after parsing: printed as one line, exit code 2.</summary>
internal sealed class CliUsageException(string message) : Exception(message);
