using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Oss.ResumableUpload.Protocol;

namespace Oss.ResumableUpload.Benchmarks.Micro;

/// <summary>Parsing a 1,000-part ListParts reply (one full page).</summary>
[MemoryDiagnoser]
public class ListPartsParsingBenchmarks
{
    private byte[] _reply = [];

    [GlobalSetup]
    public void Setup()
    {
        var sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListPartsResult><Bucket>b</Bucket><Key>k</Key><UploadId>U</UploadId><NextPartNumberMarker>1000</NextPartNumberMarker><MaxParts>1000</MaxParts><IsTruncated>true</IsTruncated>");
        for (int i = 1; i <= 1000; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<Part><PartNumber>{i}</PartNumber><LastModified>2026-11-25T01:02:03.000Z</LastModified><ETag>\"{i:X32}\"</ETag><HashCrc64ecma>{(ulong)i * 7919UL}</HashCrc64ecma><Size>8388608</Size></Part>");
        }

        sb.Append("</ListPartsResult>");
        _reply = Encoding.UTF8.GetBytes(sb.ToString());
    }

    [Benchmark]
    public int Parse1000Parts() => OssXml.ParseListParts(_reply, "b", "k", "U", null).Parts.Count;
}
