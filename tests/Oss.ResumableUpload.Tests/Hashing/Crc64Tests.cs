using System.Text;
using System.Text.Json;
using Oss.ResumableUpload.Hashing;

namespace Oss.ResumableUpload.Tests.Hashing;

public sealed class Crc64Tests
{
    public static TheoryData<string, string> Vectors()
    {
        var data = new TheoryData<string, string>();
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Vectors", "crc64.json")));
        foreach (JsonElement testCase in document.RootElement.GetProperty("cases").EnumerateArray())
        {
            data.Add(testCase.GetProperty("input_ascii").GetString()!, testCase.GetProperty("crc_decimal").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Crc64_matches_published_vector(string input, string expectedDecimal)
        => Assert.Equal(ulong.Parse(expectedDecimal, System.Globalization.CultureInfo.InvariantCulture), OssCrc64.Compute(Encoding.ASCII.GetBytes(input)));

    [Theory]
    [InlineData("123456789", "This is a test of the emergency broadcast system.")]
    [InlineData("12345", "67890")]
    [InlineData("", "abc")]
    [InlineData("abc", "")]
    public void Combine_equals_crc_of_concatenation(string a, string b)
    {
        ulong combined = OssCrc64.Combine(OssCrc64.Compute(Encoding.ASCII.GetBytes(a)), OssCrc64.Compute(Encoding.ASCII.GetBytes(b)), b.Length);
        Assert.Equal(OssCrc64.Compute(Encoding.ASCII.GetBytes(a + b)), combined);
    }

    [Fact]
    public void Combine_with_zero_length_returns_first_crc() => Assert.Equal(2UL, OssCrc64.Combine(2, 3, 0));

    [Fact]
    public void Combine_over_many_random_parts_equals_whole_crc()
    {
        var random = new Random(42);
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        random.NextBytes(data);
        ulong combined = 0;
        int offset = 0;
        foreach (int size in new[] { 1024 * 1024, 1, 1024 * 1024 - 1, 1024 * 1024 + 17 })
        {
            combined = OssCrc64.Combine(combined, OssCrc64.Compute(data.AsSpan(offset, size)), size);
            offset += size;
        }

        Assert.Equal(data.Length, offset);
        Assert.Equal(OssCrc64.Compute(data), combined);
    }

    [Fact]
    public void PartHasher_one_pass_matches_separate_md5_and_crc()
    {
        byte[] data = new byte[700_001];
        new Random(7).NextBytes(data);
        using var hasher = new PartHasher();
        for (int i = 0; i < data.Length; i += 65536)
        {
            hasher.Append(data.AsSpan(i, Math.Min(65536, data.Length - i)));
        }

        PartHash streamed = hasher.GetHashAndReset();
        Assert.Equal(PartHasher.Compute(data), streamed);
        Assert.Equal(Convert.ToBase64String(System.Security.Cryptography.MD5.HashData(data)), streamed.Md5.ToBase64());
        Assert.True(streamed.Md5.MatchesETag("\"" + Convert.ToHexString(System.Security.Cryptography.MD5.HashData(data)).ToLowerInvariant() + "\""));
        Assert.False(streamed.Md5.MatchesETag("\"00000000000000000000000000000000\""));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(65_535)]
    [InlineData(65_536)]
    [InlineData(65_537)]
    [InlineData(131_072)]
    [InlineData(1_048_575)]
    [InlineData(1_048_576)]
    [InlineData(1_048_577)]
    [InlineData(3_145_728 + 4_095)]
    public void Compute_over_a_whole_buffer_equals_incremental_appends_of_any_chunk_size(int length)
    {
        byte[] data = new byte[length];
        new Random(length).NextBytes(data);
        PartHash whole = PartHasher.Compute(data);

        Assert.Equal(OssCrc64.Compute(data), whole.Crc64);
        Assert.Equal(Convert.ToBase64String(System.Security.Cryptography.MD5.HashData(data)), whole.Md5.ToBase64());
        using var hasher = new PartHasher();
        foreach (int chunk in new[] { 1, 4_096, 65_536, 65_537, 1_048_576 })
        {
            if (chunk == 1 && length > 70_000)
            {
                continue; // a byte at a time is slow and adds nothing past the first slice boundaries
            }

            for (int offset = 0; offset < length; offset += chunk)
            {
                hasher.Append(data.AsSpan(offset, Math.Min(chunk, length - offset)));
            }

            Assert.Equal(whole, hasher.GetHashAndReset());
        }
    }
}
