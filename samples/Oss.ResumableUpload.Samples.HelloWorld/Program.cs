// Hello World: the OSS iOS SDK's resumable-upload example, in C#.
// 1. upload with a checkpoint directory and a progress report;
// 2. cancel half-way, keeping the uploaded parts (UploadCancelBehavior.KeepForResume);
// 3. run the same request again: it resumes from the parts already on the server.
// With no OSS_ENDPOINT set it runs against the local OSS server from Oss.ResumableUpload.Testing.
using Oss.ResumableUpload;
using Oss.ResumableUpload.Testing;

await using OssTestServer? localServer = Environment.GetEnvironmentVariable("OSS_ENDPOINT") is null
    ? await OssTestServer.StartAsync(new OssTestServerOptions { Buckets = { "examplebucket" } })
    : null;

#region snippet_CreateClient
using var client = new OssClient(new OssClientOptions
{
    Endpoint = localServer?.Endpoint ?? new Uri(Environment.GetEnvironmentVariable("OSS_ENDPOINT")!),  // e.g. https://oss-cn-hangzhou.aliyuncs.com
    Region = localServer is null ? Environment.GetEnvironmentVariable("OSS_REGION") : "cn-hangzhou",
    Credentials = localServer is null
        ? new EnvironmentCredentialsProvider()                                  // OSS_ACCESS_KEY_ID, OSS_ACCESS_KEY_SECRET, OSS_SESSION_TOKEN
        : OssTestCredential.Default.ToCredentialsProvider(),
});
#endregion

string file = Path.Combine(Path.GetTempPath(), "hello-world-upload.bin");
byte[] content = new byte[24 * 1024 * 1024];
new Random(1).NextBytes(content);
await File.WriteAllBytesAsync(file, content);
string checkpoints = Path.Combine(Path.GetTempPath(), "hello-world-checkpoints");

#region snippet_ResumableUpload
var request = new ResumableUploadRequest
{
    BucketName = "examplebucket",
    ObjectKey = "exampledir/exampleobject.bin",
    UploadFilePath = file,
    PartSize = 1024 * 1024,                              // 1 MiB parts, as the reference example
    CheckpointDirectory = checkpoints,                   // the reference's recordDirectoryPath
    CancelBehavior = UploadCancelBehavior.KeepForResume, // the reference's deleteUploadIdOnCancelling = NO
    Progress = new Progress<UploadProgress>(p =>
        Console.WriteLine($"bytesSent: {p.BytesSent}, totalBytesSent: {p.TotalBytesSent}, totalBytesExpected: {p.TotalBytesExpected}")),
};
#endregion

// First attempt: cancel once a third of the file is on the server.
using (var cancel = new CancellationTokenSource())
{
    var cancelling = request.Progress;
    var first = new ResumableUploadRequest
    {
        BucketName = request.BucketName,
        ObjectKey = request.ObjectKey,
        UploadFilePath = request.UploadFilePath,
        PartSize = request.PartSize,
        MaxConcurrency = 1,
        CheckpointDirectory = request.CheckpointDirectory,
        CancelBehavior = request.CancelBehavior,
        Progress = new Progress<UploadProgress>(p =>
        {
            cancelling?.Report(p);
            if (p.TotalBytesSent >= content.Length / 3)
            {
                cancel.Cancel();
            }
        }),
    };
    try
    {
        await client.ResumableUploadAsync(first, cancel.Token);
    }
    catch (OperationCanceledException)
    {
        Console.WriteLine("Cancelled: the uploaded parts and the checkpoint are kept.");
    }
}

#region snippet_Resume
try
{
    // The same bucket, key and checkpoint directory: the upload continues where it stopped.
    ResumableUploadResult result = await client.ResumableUploadAsync(request);
    Console.WriteLine($"Uploaded {result.ObjectKey}: ETag {result.ETag}, CRC-64 {result.HashCrc64Ecma}, resumed {result.ResumedBytes} bytes.");
}
catch (OssClientException ex) when (ex.ErrorCode == OssClientErrorCode.CannotResumeUpload)
{
    // The upload vanished from the server (for example a lifecycle rule deleted its parts). The stale
    // checkpoint is already gone: start a new upload.
    Console.WriteLine("Cannot resume: " + ex.Message);
}
catch (OssServiceException ex)
{
    Console.WriteLine($"OSS refused the request: {ex.ErrorCode} (HTTP {ex.StatusCode}), RequestId {ex.RequestId}");
}
#endregion

File.Delete(file);
