using System.Globalization;

namespace Oss.ResumableUpload.Cli;

/// <summary><c>oss-upload abort-incomplete --bucket B [--prefix P] --older-than 7d [--dry-run]</c>: aborts abandoned multipart uploads.</summary>
internal static class AbortIncompleteCommand
{
    public static async Task<int> RunAsync(CommandLine line)
    {
        if (line.Has("help"))
        {
            return Usage.Print();
        }

        ClientSettings settings = ClientSettings.Read(line);
        string bucket = line.Get("bucket") ?? throw new UsageException("abort-incomplete needs --bucket.");
        string? prefix = line.Get("prefix");
        string olderThanText = line.Get("older-than") ?? throw new UsageException("abort-incomplete needs --older-than, for example 7d, 12h or 30m.");
        TimeSpan olderThan = ParseAge(olderThanText) ?? throw new UsageException($"--older-than must be a whole number of days, hours, minutes or seconds such as 7d, 12h, 30m or 0s; got '{olderThanText}'.");
        bool dryRun = line.Has("dry-run");
        if (line.Positional.Count > 0)
        {
            throw new UsageException("abort-incomplete takes no positional arguments.");
        }

        line.ThrowOnUnknown();

        if (settings.Endpoint is null)
        {
            Console.Error.WriteLine("oss-upload: abort-incomplete needs --endpoint (or OSS_ENDPOINT).");
            return 1;
        }

        Uri? endpoint = ClientSettings.ParseEndpointOrReport(settings.Endpoint);
        IOssCredentialsProvider? credentials = endpoint is null ? null : settings.CredentialsOrReport();
        using OssClient? client = credentials is null ? null : settings.CreateClientOrReport(endpoint!, settings.Region, credentials);
        if (client is null)
        {
            return 1;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        DateTimeOffset now = DateTimeOffset.UtcNow;
        DateTimeOffset cut = now - olderThan;
        string scope = $"oss://{bucket}/{prefix}";
        try
        {
            IReadOnlyList<OssMultipartUploadInfo> uploads;
            if (dryRun)
            {
                var old = new List<OssMultipartUploadInfo>();
                await foreach (OssMultipartUploadInfo upload in client.ListAllMultipartUploadsAsync(bucket, prefix, cancel.Token))
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
                uploads = await client.AbortIncompleteUploadsAsync(bucket, prefix, cut, cancel.Token);
            }

            string verb = dryRun ? "Would abort" : "Aborted";
            Console.WriteLine($"{verb} {uploads.Count} upload(s) under {scope} initiated before {cut.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC.");
            PrintTable(uploads, now);
            return 0;
        }
        catch (OperationCanceledException)
        {
            Console.WriteLine("Cancelled. Uploads aborted so far stay aborted; run the command again for the rest.");
            return 130;
        }
        catch (AggregateException ex)
        {
            Console.Error.WriteLine("oss-upload: " + ex.Message);
            foreach (Exception inner in ex.InnerExceptions)
            {
                Console.Error.WriteLine("  " + inner.Message);
            }

            return 1;
        }
        catch (OssException ex)
        {
            Console.Error.WriteLine("oss-upload: " + ex.Message);
            return 1;
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
