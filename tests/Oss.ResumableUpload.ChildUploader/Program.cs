using System.Globalization;
using Oss.ResumableUpload;

if (args.Length > 0 && args[0] == LockHammer.Mode)
{
    return LockHammer.Run(args[1..]);
}

if (args.Length > 0 && args[0] == DirectoryMode.Mode)
{
    return await DirectoryMode.RunAsync(args[1..]);
}

// Usage: <endpoint> <region> <accessKeyId> <accessKeySecret> <V1|V4> <bucket> <key> <file> <partSize> <concurrency> <checkpointDir> [stream:<identity>]
// With the last argument, the child opens the file as a FileStream itself and uploads it as UploadStream with that identity.
// Prints one line per event, flushed at once, so that the parent test can decide when to kill it:
//   started
//   progress <totalBytesSent> <partsCompleted>
//   completed <uploadId> <etag>
//   failed <exception type> <error code> <message>
const string StreamPrefix = "stream:";
if (args.Length is not (11 or 12) || (args.Length == 12 && !args[11].StartsWith(StreamPrefix, StringComparison.Ordinal)))
{
    Console.Error.WriteLine("usage: <endpoint> <region> <accessKeyId> <accessKeySecret> <V1|V4> <bucket> <key> <file> <partSize> <concurrency> <checkpointDir> [stream:<identity>]");
    return 2;
}

string? streamIdentity = args.Length == 12 ? args[11][StreamPrefix.Length..] : null;
await using FileStream? uploadStream = streamIdentity is null ? null : File.OpenRead(args[7]);

var options = new OssClientOptions
{
    Endpoint = new Uri(args[0]),
    Region = args[1],
    Credentials = new StaticCredentialsProvider(args[2], args[3]),
    SignatureVersion = Enum.Parse<OssSignatureVersion>(args[4], ignoreCase: true),
    RetryBaseDelay = TimeSpan.FromMilliseconds(10),
};

using var client = new OssClient(options);
var request = new ResumableUploadRequest
{
    BucketName = args[5],
    ObjectKey = args[6],
    UploadFilePath = uploadStream is null ? args[7] : null,
    UploadStream = uploadStream,
    UploadStreamIdentity = streamIdentity,
    PartSize = long.Parse(args[8], CultureInfo.InvariantCulture),
    MaxConcurrency = int.Parse(args[9], CultureInfo.InvariantCulture),
    CheckpointDirectory = args[10],
    CancelBehavior = UploadCancelBehavior.KeepForResume,
    Progress = new LineProgress(),
};

WriteLine("started");
try
{
    ResumableUploadResult result = await client.ResumableUploadAsync(request);
    WriteLine($"completed {result.UploadId} {result.ETag}");
    return 0;
}
catch (OssClientException ex)
{
    WriteLine($"failed {nameof(OssClientException)} {ex.ErrorCode} {ex.Message}");
    return 1;
}
catch (OssServiceException ex)
{
    WriteLine($"failed {nameof(OssServiceException)} {ex.ErrorCode} {ex.Message}");
    return 1;
}

static void WriteLine(string line)
{
    lock (Console.Out)
    {
        Console.Out.WriteLine(line);
        Console.Out.Flush();
    }
}

/// <summary>Writes every report as a line, synchronously.</summary>
internal sealed class LineProgress : IProgress<UploadProgress>
{
    public void Report(UploadProgress value)
    {
        lock (Console.Out)
        {
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"progress {value.TotalBytesSent} {value.PartsCompleted}"));
            Console.Out.Flush();
        }
    }
}
