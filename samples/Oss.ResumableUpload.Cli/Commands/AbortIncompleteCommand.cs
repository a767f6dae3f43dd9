using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Oss.ResumableUpload.Cli;

/// <summary><c>oss-upload abort-incomplete --bucket B [--prefix P] --older-than 7d [--dry-run]</c>: aborts abandoned multipart uploads.</summary>
internal sealed class AbortIncompleteCommand
{
    private readonly ConnectionOptions _connection = new();
    private readonly Option<string?> _bucket = OptionValues.WithEnvironment("--bucket", "OSS_BUCKET", "Bucket (required)");
    private readonly Option<string?> _prefix = new("--prefix") { Description = "Only uploads whose key starts with PREFIX", HelpName = "PREFIX" };
    private readonly Option<TimeSpan> _olderThan = new("--older-than")
    {
        Description = "Only uploads initiated longer ago than AGE: 7d, 12h, 30m or 90s (required)",
        HelpName = "AGE",
        Required = true,
        CustomParser = result =>
        {
            string text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
            TimeSpan? age = ParseAge(text);
            if (age is null)
            {
                result.AddError($"--older-than must be a whole number of days, hours, minutes or seconds such as 7d, 12h, 30m or 0s; got '{text}'.");
            }

            return age ?? TimeSpan.Zero;
        },
    };

    private readonly Option<bool> _dryRun = new("--dry-run") { Description = "List what would be aborted; abort nothing" };

    public Command Build()
    {
        var command = new Command("abort-incomplete", "Abort unfinished multipart uploads older than --older-than.");
        _bucket.Validators.Add(result => OptionValues.Check<string?>(result, value => OptionValues.ValidateBucketName(result, "--bucket", value)));
        command.Validators.Add(result =>
        {
            if (result.GetValue(_bucket) is null)
            {
                result.AddError("abort-incomplete needs --bucket (or OSS_BUCKET).");
            }

            if (result.GetValue(_connection.Endpoint) is null)
            {
                result.AddError("abort-incomplete needs --endpoint (or OSS_ENDPOINT).");
            }
        });
        foreach (Option option in new Option[] { _bucket, _prefix, _olderThan, _dryRun })
        {
            command.Options.Add(option);
        }

        _connection.AddTo(command);
        command.SetAction((parse, _) => RunAsync(parse));
        return command;
    }

    private async Task<int> RunAsync(ParseResult parse)
    {
        string bucket = parse.GetValue(_bucket)!;
        string? prefix = parse.GetValue(_prefix);
        TimeSpan olderThan = parse.GetValue(_olderThan);
        bool dryRun = parse.GetValue(_dryRun);
        using ILoggerFactory? loggerFactory = _connection.CreateLoggerFactory(parse);
        using OssClient client = _connection.CreateClient(parse, _connection.EndpointOf(parse)!, parse.GetValue(_connection.Region), _connection.Credentials(parse), loggerFactory);
        using var interrupt = new Interrupt(() => Console.Error.WriteLine("Stopping... (Ctrl+C again quits at once)"));

        DateTimeOffset now = DateTimeOffset.UtcNow;
        DateTimeOffset cut = now - olderThan;
        string scope = $"oss://{bucket}/{prefix}";
        try
        {
            IReadOnlyList<OssMultipartUploadInfo> uploads;
            if (dryRun)
            {
                var old = new List<OssMultipartUploadInfo>();
                await foreach (OssMultipartUploadInfo upload in client.ListAllMultipartUploadsAsync(bucket, prefix, interrupt.Token))
                {
                    if (upload.Initiated < cut)
                    {
                        old.Add(upload);
                    }
                }

                uploads = old;
            }
            else
            {
                uploads = await client.AbortIncompleteUploadsAsync(bucket, prefix, cut, interrupt.Token);
            }

            string verb = dryRun ? "Would abort" : "Aborted";
            Console.WriteLine($"{verb} {uploads.Count} upload(s) under {scope} initiated before {cut.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC.");
            PrintTable(uploads, now);
            return ExitCodes.Success;
        }
        catch (OperationCanceledException) when (interrupt.Token.IsCancellationRequested)
        {
            Console.WriteLine("Cancelled. Uploads aborted so far stay aborted; run the command again for the rest.");
            return ExitCodes.Cancelled;
        }
        catch (AggregateException ex)
        {
            await Console.Error.WriteLineAsync("oss-upload: " + ex.Message);
            foreach (Exception inner in ex.InnerExceptions)
            {
                await Console.Error.WriteLineAsync("  " + inner.Message);
            }

            return ExitCodes.Failure;
        }
        catch (OssException ex)
        {
            await Console.Error.WriteLineAsync("oss-upload: " + ex.Message);
            return ExitCodes.Failure;
        }
    }

    /// <summary>Parses <c>7d</c>, <c>12h</c>, <c>30m</c> or <c>90s</c>.</summary>
    public static TimeSpan? ParseAge(string text)
    {
        if (text.Length < 2 || !long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out long amount) || amount > 36_500L * 86_400)
        {
            return null;
        }

        return char.ToLowerInvariant(text[^1]) switch
        {
            'd' when amount <= 36_500 => TimeSpan.FromDays(amount),
            'h' when amount <= 36_500 * 24 => TimeSpan.FromHours(amount),
            'm' when amount <= 36_500L * 24 * 60 => TimeSpan.FromMinutes(amount),
            's' => TimeSpan.FromSeconds(amount),
            _ => null,
        };
    }

    private static void PrintTable(IReadOnlyList<OssMultipartUploadInfo> uploads, DateTimeOffset now)
    {
        if (uploads.Count == 0)
        {
            return;
        }

        string[] header = ["Initiated (UTC)", "Age", "Key", "Upload id"];
        List<string[]> rows = [header];
        rows.AddRange(uploads.Select(u => new[]
        {
            u.Initiated.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            FormatAge(now - u.Initiated),
            u.ObjectKey,
            u.UploadId,
        }));
        int[] widths = Enumerable.Range(0, header.Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (string[] row in rows)
        {
            Console.WriteLine("  " + string.Join("  ", row.Select((cell, c) => c == row.Length - 1 ? cell : cell.PadRight(widths[c]))));
        }
    }

    private static string FormatAge(TimeSpan age)
        => age.TotalDays >= 1 ? ((int)age.TotalDays).ToString(CultureInfo.InvariantCulture) + "d"
            : age.TotalHours >= 1 ? ((int)age.TotalHours).ToString(CultureInfo.InvariantCulture) + "h"
            : age.TotalMinutes >= 1 ? ((int)age.TotalMinutes).ToString(CultureInfo.InvariantCulture) + "m"
            : Math.Max(0, (int)age.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s";
}
