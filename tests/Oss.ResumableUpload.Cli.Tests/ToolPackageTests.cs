using System.Diagnostics;

namespace Oss.ResumableUpload.Cli.Tests;

/// <summary><c>dotnet pack</c> makes a .NET tool package that installs and runs as <c>oss-upload</c>.</summary>
public sealed class ToolPackageTests : IDisposable
{
    private readonly TempHome _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task PackedToolInstallsAndPrintsItsVersion()
    {
        string repository = FindRepositoryRoot();
        string project = Path.Combine(repository, "samples", "Oss.ResumableUpload.Cli", "Oss.ResumableUpload.Cli.csproj");
        string configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Configuration>/net10.0/
        string feed = Path.Combine(_home.Path, "feed");
        string tools = Path.Combine(_home.Path, "tools");
        string version = typeof(OssClient).Assembly.GetName().Version!.ToString(3);

        // --no-build: the CLI was built with the tests; packing must not rebuild it under the running test host.
        await RunAsync(CliProcess.DotnetHost(), "pack", project, "-c", configuration, "--no-build", "-o", feed);
        string package = Path.Combine(feed, $"Oss.ResumableUpload.Cli.{version}.nupkg");
        Assert.True(File.Exists(package), "no tool package: " + string.Join(", ", Directory.GetFiles(feed)));
        using (System.IO.Compression.ZipArchive zip = System.IO.Compression.ZipFile.OpenRead(package))
        {
            Assert.NotNull(zip.GetEntry("icon.png"));
            using var nuspec = new StreamReader(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
            Assert.Contains("<icon>icon.png</icon>", await nuspec.ReadToEndAsync(), StringComparison.Ordinal);
        }


        // A private NuGet cache: the install must take this build's package, not one cached by an earlier run.
        await RunAsync(CliProcess.DotnetHost(), "tool", "install", "Oss.ResumableUpload.Cli", "--version", version, "--tool-path", tools, "--add-source", feed, "--ignore-failed-sources");
        string output = await RunAsync(Path.Combine(tools, OperatingSystem.IsWindows() ? "oss-upload.exe" : "oss-upload"), "--version");

        Assert.StartsWith(version, output.Trim(), StringComparison.Ordinal);
    }

    private async Task<string> RunAsync(string program, params string[] arguments)
        => await RunAsync(program, arguments, new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(_home.Path, "packages") });

    private async Task<string> RunAsync(string program, string[] arguments, Dictionary<string, string> environment)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = _home.Path };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (KeyValuePair<string, string> pair in environment)
        {
            info.Environment[pair.Key] = pair.Value;
        }
        using Process child = Process.Start(info)!;
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        Task<string> stdout = child.StandardOutput.ReadToEndAsync(deadline.Token);
        Task<string> stderr = child.StandardError.ReadToEndAsync(deadline.Token);
        await child.WaitForExitAsync(deadline.Token);
        string output = await stdout;
        Assert.True(child.ExitCode == 0, $"{program} {string.Join(' ', arguments)} exited with {child.ExitCode}: {output} {await stderr}");
        return output;
    }

    private static string FindRepositoryRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Oss.ResumableUpload.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Oss.ResumableUpload.sln) is not above " + AppContext.BaseDirectory);
    }
}
