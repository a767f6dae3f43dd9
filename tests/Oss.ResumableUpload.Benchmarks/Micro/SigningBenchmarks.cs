using BenchmarkDotNet.Attributes;
using Oss.ResumableUpload.Signing;

namespace Oss.ResumableUpload.Benchmarks.Micro;

/// <summary>Signing one UploadPart request, V4 and V1.</summary>
[MemoryDiagnoser]
public class SigningBenchmarks
{
    private static readonly OssCredentials s_credentials = new("LTAI5tExampleKeyId", "ExampleSecretExampleSecretExample", "sts-token");
    private static readonly DateTimeOffset s_time = new(2026, 11, 25, 1, 2, 3, TimeSpan.Zero);

    [Benchmark]
    public string SignV4() => OssV4Signer.Sign(NewInput(), s_credentials, s_time, "cn-hangzhou");

    [Benchmark]
    public string SignV1() => OssV1Signer.Sign(NewInput(), s_credentials, s_time);

    private static SigningInput NewInput()
    {
        var headers = SigningInput.CreateHeaders();
        headers["Content-MD5"] = "eB5eJF1ptWaXm4bijSPyxw==";
        return new SigningInput
        {
            Method = "PUT",
            Bucket = "examplebucket",
            Key = "videos/2026/holiday movie.mp4",
            Query = [new("partNumber", "42"), new("uploadId", "0004B9894A22E5B1888A1E29F8230000")],
            Headers = headers,
        };
    }
}
