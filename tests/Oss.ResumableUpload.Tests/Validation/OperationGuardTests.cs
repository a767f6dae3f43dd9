using Oss.ResumableUpload.Callback;
using Oss.ResumableUpload.Transport;

namespace Oss.ResumableUpload.Tests.Validation;

/// <summary>
/// The last line of defence: an <see cref="OssOperation"/> refuses a header, path or query it could not send
/// exactly, whichever public method (or future one) built it.
/// </summary>
public sealed class OperationGuardTests
{
    [Theory]
    [InlineData("a\r\nx-injected: 1")]
    [InlineData("a\nb")]
    [InlineData("a\0b")]
    [InlineData("a\u007f")]
    [InlineData("\u00e9")]
    public void A_header_value_that_http_cannot_carry_is_refused_when_set(string value)
    {
        var operation = new OssOperation("Test", HttpMethod.Put, "bucket", "key");
        ArgumentException error = Assert.Throws<ArgumentException>(() => operation.Headers["Content-Type"] = value);
        Assert.Contains("Content-Type", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => operation.Headers.Add("x-oss-meta-a", value));
        Assert.Empty(operation.Headers);
    }

    [Theory]
    [InlineData("")]
    [InlineData("x oss")]
    [InlineData("x:oss")]
    [InlineData("x\r\noss")]
    [InlineData("\u00e9")]
    public void A_header_name_that_is_not_a_token_is_refused(string name)
    {
        var operation = new OssOperation("Test", HttpMethod.Put, "bucket", "key");
        Assert.Throws<ArgumentException>(() => operation.Headers[name] = "v");
    }

    [Fact]
    public void Header_names_stay_case_insensitive_and_good_values_are_kept()
    {
        var operation = new OssOperation("Test", HttpMethod.Put, "bucket", "key");
        operation.Headers["Content-Type"] = "text/plain; charset=utf-8";
        operation.Headers["content-type"] = "application/json";
        operation.Headers["x-oss-meta-note"] = " a\tb ";

        Assert.Equal(2, operation.Headers.Count);
        Assert.Equal("application/json", operation.Headers["CONTENT-TYPE"]);
        Assert.True(operation.Headers.TryGetValue("X-OSS-META-NOTE", out string? note));
        Assert.Equal(" a\tb ", note);
    }

    [Fact]
    public void Callback_headers_pass_the_guard_because_they_are_base64()
    {
        var operation = new OssOperation("Test", HttpMethod.Post, "bucket", "key");
        CallbackHeaders.Apply(
            new OssUploadCallback { CallbackUrl = "http://cb.example.com/", CallbackBody = "{\"a\":\"\u4e2d\r\n\"}", CustomVariables = new Dictionary<string, string> { ["x:v"] = "\u4e2d\r\n" } },
            operation.Headers);
        Assert.Equal(2, operation.Headers.Count);
    }

    [Fact]
    public void A_key_or_query_with_a_lone_surrogate_is_refused()
    {
        // Looped, not a theory: xUnit's serialization of theory data would mangle a lone surrogate.
        foreach (string text in new[] { "a\uD800", "\uDC00b", "\uD83D" })
        {
            AssertRefused(text);
        }
    }

    private static void AssertRefused(string text)
    {
        Assert.Throws<ArgumentException>(() => new OssOperation("Test", HttpMethod.Get, "bucket", text));
        var operation = new OssOperation("Test", HttpMethod.Get, "bucket", null);
        Assert.Throws<ArgumentException>(() => operation.AddQuery("prefix", text));
        Assert.Throws<ArgumentException>(() => operation.AddQuery(text));
        Assert.Empty(operation.Query);
    }
}
