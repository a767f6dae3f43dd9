using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Oss.ResumableUpload.Testing.Tests;

/// <summary>
/// The server's own CRC-64 and MD5 (not the client's): the published CRC-64 vectors, the combine rules, and
/// agreement with the client's independent implementation where no vector reaches.
/// </summary>
public sealed class ServerHashingTests
{
    public static TheoryData<string, string> Crc64Vectors()
    {
        var data = new TheoryData<string, string>();
        foreach (JsonElement vector in LoadCrc64Document().GetProperty("cases").EnumerateArray())
        {
            data.Add(vector.GetProperty("input_ascii").GetString()!, vector.GetProperty("crc_decimal").GetString()!);
        }

        return data;
    }

    [Fact]
    public void TheCrc64VectorFileIsThere()
        => Assert.True(Crc64Vectors().Count >= 8, "expected crc64.json next to the test assembly");

    [Theory]
    [MemberData(nameof(Crc64Vectors))]
    public void TheServerCrc64MatchesThePublishedVector(string input, string expectedDecimal)
    {
        byte[] data = Encoding.ASCII.GetBytes(input);

        Assert.Equal(expectedDecimal, ObjectCrc64.Compute(data).ToString(CultureInfo.InvariantCulture));
    }

    [Theory]
    [MemberData(nameof(Crc64Vectors))]
    public void StreamingThroughTheBodyHasherGivesTheVectorAndTheMd5(string input, string expectedDecimal)
    {
        byte[] data = Encoding.ASCII.GetBytes(input);
        using var hasher = new BodyHasher();
        for (int offset = 0; offset < data.Length; offset += 4)
        {
            hasher.Append(data.AsSpan(offset, Math.Min(4, data.Length - offset)));
        }

        BodyHash hash = hasher.GetHash();

        Assert.Equal(expectedDecimal, hash.Crc64.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(Convert.ToHexString(MD5.HashData(data)), hash.Md5.ToETag().Trim('"'));
    }

    [Fact]
    public void TheCombinePropertiesHold()
    {
        foreach (JsonElement property in LoadCrc64Document().GetProperty("combine_properties").EnumerateArray())
        {
            if (!property.TryGetProperty("example", out JsonElement example))
            {
                continue;
            }

            if (example.TryGetProperty("A", out JsonElement a))
            {
                byte[] first = Encoding.ASCII.GetBytes(a.GetString()!);
                byte[] second = Encoding.ASCII.GetBytes(example.GetProperty("B").GetString()!);
                ulong combined = ObjectCrc64.Combine(ObjectCrc64.Compute(first), ObjectCrc64.Compute(second), second.Length);
                Assert.Equal(ObjectCrc64.Compute([.. first, .. second]), combined);
                if (example.TryGetProperty("expected_combined_decimal", out JsonElement expected))
                {
                    Assert.Equal(expected.GetString(), combined.ToString(CultureInfo.InvariantCulture));
                }
            }
            else
            {
                Assert.Equal(
                    example.GetProperty("result").GetUInt64(),
                    ObjectCrc64.Combine(example.GetProperty("c1").GetUInt64(), example.GetProperty("c2").GetUInt64(), example.GetProperty("len2").GetInt64()));
            }
        }
    }

    [Fact]
    public void CombiningPartsInOrderGivesTheCrcOfTheWhole()
    {
        byte[] data = new byte[300_001];
        new Random(7).NextBytes(data);

        foreach (int[] cuts in new[] { new[] { 1 }, new[] { 102_400, 204_800 }, new[] { 1, 2, 3, 65_536, 299_999 } })
        {
            ulong crc = 0;
            int start = 0;
            foreach (int end in cuts.Append(data.Length))
            {
                crc = ObjectCrc64.Combine(crc, ObjectCrc64.Compute(data.AsSpan(start, end - start)), end - start);
                start = end;
            }

            Assert.Equal(ObjectCrc64.Compute(data), crc);
        }
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(102_400L)]
    [InlineData(6L * 1024 * 1024)]
    [InlineData(5L * 1024 * 1024 * 1024)]
    [InlineData(48_800_000_000_000L)]
    [InlineData(long.MaxValue)]
    public void CombineAgreesWithTheClientsIndependentImplementationForLengthsNoBufferReaches(long len2)
    {
        // Two implementations written separately (matrix squaring in the client, powers of x in the server).
        const ulong Crc1 = 11051210869376104954, Crc2 = 2871916124362751090;

        Assert.Equal(Hashing.OssCrc64.Combine(Crc1, Crc2, len2), ObjectCrc64.Combine(Crc1, Crc2, len2));
    }

    [Theory]
    [InlineData("0123456789", "eB5eJF1ptWaXm4bijSPyxw==")]
    [InlineData("", "1B2M2Y8AsgTpgAmY7PhCfg==")]
    public void Md5MatchesTheDocumentedContentMd5(string input, string contentMd5)
    {
        Md5Value md5 = Md5Value.Of(Encoding.ASCII.GetBytes(input));

        Assert.Equal(contentMd5, md5.ToBase64());
        Assert.True(Md5Value.TryParseBase64(contentMd5, out Md5Value parsed));
        Assert.Equal(md5, parsed);
    }

    [Fact]
    public void AnETagIsTheUpperCaseHexInQuotesAndMatchesInAnyCaseQuotedOrNot()
    {
        Md5Value md5 = Md5Value.Of("0123456789"u8);
        string hex = Convert.ToHexString(MD5.HashData("0123456789"u8));

        Assert.Equal("\"" + hex + "\"", md5.ToETag());
        Assert.True(md5.MatchesETag("\"" + hex + "\""));
        Assert.True(md5.MatchesETag(hex.ToLowerInvariant()));
        Assert.True(md5.MatchesETag(" \"" + hex + "\" "));
        Assert.False(md5.MatchesETag(hex[..31]));
        Assert.False(md5.MatchesETag(hex + "0"));
        Assert.False(md5.MatchesETag("+" + hex[1..]));
        Assert.False(md5.MatchesETag(null));
        Assert.False(md5.MatchesETag(Convert.ToHexString(MD5.HashData("x"u8))));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("AAAAAAAAAAAAAAAAAAAA")] // 15 bytes
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAA=")] // 17 bytes
    public void AContentMd5ThatIsNotSixteenBase64BytesIsRefused(string? value)
        => Assert.False(Md5Value.TryParseBase64(value, out _));

    private static JsonElement LoadCrc64Document()
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Vectors", "crc64.json")));
        return document.RootElement.Clone();
    }
}
