using System.Text;
using Oss.ResumableUpload.Checkpoints;

namespace Oss.ResumableUpload.Tests.Checkpoints;

public sealed class CheckpointFileHeaderTests
{
    // Every JSON value a damaged or hand-edited header might hold in place of a string.
    private static readonly string?[] s_badValues =
    [
        null, // property missing
        "null",
        "\"\"",
        "5",
        "-1.5e300",
        "true",
        "{}",
        "[]",
        "[\"a\"]",
        "{\"a\":\"b\"}",
        "\"" + new string('x', 100_000) + "\"",
    ];

    public static TheoryData<string> BadLines()
    {
        var lines = new TheoryData<string>
        {
            string.Empty,
            "null",
            "[]",
            "5",
            "\"a string\"",
            "{",
            "{\"bucketName\":",
            "{\"bucketName\":\"b\",\"objectKey\":\"k\",\"fingerprint\":\"f\"",
            "garbage",
            new string('{', 10_000),
        };
        const string Good = "\"good\"";
        foreach (string? bad in s_badValues)
        {
            lines.Add(Line(bad, Good, Good));
            lines.Add(Line(Good, bad, Good));
            lines.Add(Line(Good, Good, bad));
            lines.Add(Line(bad, bad, bad));
        }

        return lines;
    }

    [Theory]
    [MemberData(nameof(BadLines))]
    public void Rejects_a_header_with_a_missing_empty_or_wrongly_typed_field(string line)
        => Assert.Null(CheckpointFileHeader.TryParse(Encoding.UTF8.GetBytes(line)));

    [Fact]
    public void Rejects_a_header_that_is_not_UTF_8()
    {
        byte[] line = [.. "{\"bucketName\":\""u8, 0xFF, 0xFE, .. "\",\"objectKey\":\"k\",\"fingerprint\":\"f\"}"u8];

        Assert.Null(CheckpointFileHeader.TryParse(line));
    }

    [Fact]
    public void Rejects_a_header_longer_than_the_limit_even_if_well_formed()
    {
        string line = Line("\"b\"", "\"" + new string('k', CheckpointFileHeader.MaxLength) + "\"", "\"f\"");

        Assert.Null(CheckpointFileHeader.TryParse(Encoding.UTF8.GetBytes(line)));
    }

    [Fact]
    public void Round_trips_a_key()
    {
        var key = new CheckpointKey("test-bucket", "a/ключ \n\"quoted\"", "v1-fp");

        byte[] line = CheckpointFileHeader.Serialize(key);

        Assert.DoesNotContain((byte)'\n', line);
        Assert.Equal(key, CheckpointFileHeader.TryParse(line)?.ToKey());
    }

    [Fact]
    public void Refuses_to_write_a_header_it_would_not_read_back()
    {
        Assert.Throws<ArgumentException>(() => CheckpointFileHeader.Serialize(new CheckpointKey("b", new string('k', CheckpointFileHeader.MaxLength), "f")));
        Assert.Throws<ArgumentException>(() => CheckpointFileHeader.Serialize(new CheckpointKey("b", "k", string.Empty)));
    }

    private static string Line(string? bucketName, string? objectKey, string? fingerprint)
    {
        var fields = new List<string>();
        if (bucketName is not null)
        {
            fields.Add("\"bucketName\":" + bucketName);
        }

        if (objectKey is not null)
        {
            fields.Add("\"objectKey\":" + objectKey);
        }

        if (fingerprint is not null)
        {
            fields.Add("\"fingerprint\":" + fingerprint);
        }

        return "{" + string.Join(",", fields) + "}";
    }
}
