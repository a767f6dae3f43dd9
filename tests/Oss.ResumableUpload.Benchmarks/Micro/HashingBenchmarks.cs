using BenchmarkDotNet.Attributes;
using Oss.ResumableUpload.Hashing;

namespace Oss.ResumableUpload.Benchmarks.Micro;

/// <summary>Hashing an 8 MiB part: MD5 and CRC-64 appended in 1 MiB chunks, in one call each, and each alone.</summary>
[MemoryDiagnoser]
public class HashingBenchmarks
{
    private readonly byte[] _part = new byte[8 << 20];
    private readonly PartHasher _hasher = new();

    [GlobalSetup]
    public void Setup() => new Random(3).NextBytes(_part);

    [GlobalCleanup]
    public void Cleanup() => _hasher.Dispose();

    [Benchmark(Baseline = true)]
    public ulong Md5AndCrc64OnePass()
    {
        for (int offset = 0; offset < _part.Length; offset += 1 << 20)
        {
            _hasher.Append(_part.AsSpan(offset, 1 << 20));
        }

        return _hasher.GetHashAndReset().Crc64;
    }

    /// <summary>What the engine calls for a buffered part: one MD5 call and one CRC-64 call over all 8 MiB.</summary>
    [Benchmark]
    public ulong ComputeWholePart() => PartHasher.Compute(_part).Crc64;

    [Benchmark]
    public ulong Crc64Only() => OssCrc64.Compute(_part);

    [Benchmark]
    public byte[] Md5Only() => System.Security.Cryptography.MD5.HashData(_part);

    [Benchmark]
    public ulong Combine10000Parts()
    {
        ulong crc = 0;
        for (int i = 0; i < 10_000; i++)
        {
            crc = OssCrc64.Combine(crc, (ulong)i * 0x9E3779B97F4A7C15, 1 << 20);
        }

        return crc;
    }
}
