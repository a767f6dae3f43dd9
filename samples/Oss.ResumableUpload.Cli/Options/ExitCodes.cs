namespace Oss.ResumableUpload.Cli;

/// <summary>The process exit codes of <c>oss-upload</c>.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Success = 0;

    /// <summary>The command ran and failed: the server refused, the network failed, a file is missing.</summary>
    public const int Failure = 1;

    /// <summary>The command line is wrong: an unknown option, a missing or invalid value.</summary>
    public const int Usage = 2;

    /// <summary>Stopped by Ctrl+C (or SIGTERM), as shells report a process ended by SIGINT.</summary>
    public const int Cancelled = 130;
}
