using System.Globalization;
using BenchmarkDotNet.Attributes;
using Oss.ResumableUpload.Checkpoints;

namespace Oss.ResumableUpload.Benchmarks.Micro;

/// <summary>Serializing and saving a checkpoint of 1,000 and 10,000 completed parts to a real directory.</summary>
[MemoryDiagnoser]
public class CheckpointBenchmarks
{
    private CheckpointDocument _document = new();
    private FileCheckpointStore _store = null!;
    private string _directory = string.Empty;
    private readonly CheckpointKey _key = new("bench-bucket", "bench/key.bin", "fingerprint");

    [Params(1_000, 10_000)]
    public int Parts { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "oss-bench-checkpoints-" + Guid.NewGuid().ToString("N"));
        _store = new FileCheckpointStore(_directory);
        _document = new CheckpointDocument
        {
            FormatVersion = CheckpointDocument.CurrentFormatVersion,
            UploadId = "0004B9894A22E5B1888A1E29F8230000",
            BucketName = _key.BucketName,
            ObjectKey = _key.ObjectKey,
            FilePath = "/data/big.bin",
            Fingerprint = _key.FileFingerprint,
            FileSize = Parts * (1L << 20),
            PartSize = 1 << 20,
            PartCount = Parts,
            Parts = Enumerable.Range(1, Parts).Select(i => new CheckpointPart { Number = i, Size = 1 << 20, ETag = "\"" + i.ToString("X32", CultureInfo.InvariantCulture) + "\"", Crc64 = (ulong)i * 7919UL }).ToList(),
        };
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Benchmark]
    public int Serialize() => CheckpointSerializer.Serialize(_document).Length;

    [Benchmark]
    public async Task SerializeAndSaveAtomically() => await _store.SaveAsync(_key, CheckpointSerializer.Serialize(_document));
}
