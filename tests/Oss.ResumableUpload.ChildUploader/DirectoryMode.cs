using System.Globalization;
using Oss.ResumableUpload;

/// <summary>
/// <c>upload-directory &lt;endpoint&gt; &lt;region&gt; &lt;accessKeyId&gt; &lt;accessKeySecret&gt; &lt;bucket&gt; &lt;keyPrefix&gt; &lt;directory&gt; &lt;partSize&gt; &lt;concurrency&gt; &lt;checkpointDir&gt;</c>:
/// uploads a directory with <see cref="OssClient.UploadDirectoryAsync"/> so that a test can kill it mid-tree.
/// </summary>
/// <remarks>Prints <c>started</c>, then <c>completed &lt;uploaded&gt; &lt;skipped&gt; &lt;failed&gt;</c> or <c>failed &lt;type&gt; &lt;message&gt;</c>.</remarks>
internal static class DirectoryMode
{
    public const string Mode = "upload-directory";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length != 10)
        {
            Console.Error.WriteLine("usage: upload-directory <endpoint> <region> <accessKeyId> <accessKeySecret> <bucket> <keyPrefix> <directory> <partSize> <concurrency> <checkpointDir>");
            return 2;
        }

        using var client = new OssClient(new OssClientOptions
        {
            Endpoint = new Uri(args[0]),
            Region = args[1],
            Credentials = new StaticCredentialsProvider(args[2], args[3]),
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        });
        Console.Out.WriteLine("started");
        Console.Out.Flush();
        try
        {
            DirectoryUploadResult result = await client.UploadDirectoryAsync(new UploadDirectoryRequest
            {
                BucketName = args[4],
                KeyPrefix = args[5],
                LocalDirectory = args[6],
                PartSize = long.Parse(args[7], CultureInfo.InvariantCulture),
                MaxConcurrency = int.Parse(args[8], CultureInfo.InvariantCulture),
                CheckpointDirectory = args[9],
            });
            int Count(DirectoryUploadOutcome outcome) => result.Files.Count(f => f.Outcome == outcome);
            Console.Out.WriteLine($"completed {Count(DirectoryUploadOutcome.Uploaded)} {Count(DirectoryUploadOutcome.Skipped)} {Count(DirectoryUploadOutcome.Failed)}");
            return 0;
        }
        catch (Exception ex)
        {
            Console.Out.WriteLine($"failed {ex.GetType().Name} {ex.Message}");
            return 1;
        }
        finally
        {
            Console.Out.Flush();
        }
    }
}
