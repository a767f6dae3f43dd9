using System.Text;
using Oss.ResumableUpload.Tests.Infrastructure;

namespace Oss.ResumableUpload.Tests.Hostile;

/// <summary>
/// Text the server chooses (error document fields, the request id, a broken header line) reaches exception
/// messages and logs only with control characters and bidi overrides replaced and lengths capped, so a server
/// cannot forge log lines, recolour a terminal or reorder what a reader sees.
/// </summary>
public sealed class ServerTextTests
{
    private const string Esc = "\u001b[31m";
    private const string Csi = "\u009b31m"; // the one-character C1 form of ESC [, which XML 1.0 allows
    private const string Forged = "\r\nFAKE LOG LINE";
    private const string Bidi = "\u202Egnp.exe\u202C\u2066x\u2069";

    [Fact]
    public async Task Error_document_text_is_sanitized_in_the_exception_and_the_logs()
    {
        var logs = new ListLoggerFactory();
        string xml = "<Error><Code>NoSuch&#x9B;31mUpload&#13;&#10;FAKE</Code><Message>oops&#13;&#10;FAKE LOG LINE &#x9B;31mred &#x202E;gnp.exe</Message>"
            + "<RequestId>RID&#13;&#10;FAKE</RequestId><HostId>host&#x2066;x&#x2069;</HostId><EC>0017&#x85;FAKE</EC></Error>";
        using var server = new HostileHttpServer(_ => HostileReply.Text(503, xml));
        using OssClient client = HostileClient.Create(server.Endpoint, maxRetries: 1, logs: logs);

        var ex = await Assert.ThrowsAsync<OssServiceException>(() => HostileClient.InitiateAsync(client));

        AssertClean(ex.Message);
        AssertClean(ex.ErrorCode);
        AssertClean(ex.RequestId!);
        AssertClean(ex.HostId!);
        AssertClean(ex.Ec!);
        Assert.Contains("oops", ex.Message, StringComparison.Ordinal);
        Assert.Contains(logs.Lines, l => l.EventId.Id == 1003); // the retry was logged, with the request id
        Assert.All(logs.Lines, l => AssertClean(l.Message));
    }

    [Fact]
    public async Task A_request_id_header_with_escapes_is_sanitized()
    {
        var logs = new ListLoggerFactory();
        using var server = new HostileHttpServer(_ => HostileReply.Text(500, "<Error><Code>InternalError</Code></Error>", "x-oss-request-id: RID" + Esc + "RED" + Csi + "x")); // header bytes are Latin-1: 0x9B arrives as U+009B
        using OssClient client = HostileClient.Create(server.Endpoint, maxRetries: 1, logs: logs);

        var ex = await Assert.ThrowsAsync<OssServiceException>(() => HostileClient.InitiateAsync(client));

        Assert.Equal("RID?[31mRED?31mx", ex.RequestId);
        AssertClean(ex.RequestId!);
        AssertClean(ex.Message);
        Assert.All(logs.Lines, l => AssertClean(l.Message));
    }

    [Fact]
    public async Task Server_text_is_capped()
    {
        string message = new('m', 100_000);
        string requestId = new('r', 10_000);
        using var server = new HostileHttpServer(_ => HostileReply.Text(400, $"<Error><Code>{new string('C', 5_000)}</Code><Message>{message}</Message><HostId>{new string('h', 5_000)}</HostId><EC>{new string('e', 5_000)}</EC></Error>", "x-oss-request-id: " + requestId));
        using OssClient client = HostileClient.Create(server.Endpoint);

        var ex = await Assert.ThrowsAsync<OssServiceException>(() => HostileClient.InitiateAsync(client));

        Assert.InRange(ex.Message.Length, 1, 2_000);
        Assert.InRange(ex.ErrorCode.Length, 1, 128);
        Assert.InRange(ex.RequestId!.Length, 1, 256);
        Assert.InRange(ex.HostId!.Length, 1, 256);
        Assert.InRange(ex.Ec!.Length, 1, 128);
    }

    [Fact]
    public async Task A_broken_header_line_with_escapes_does_not_reach_the_network_failure_message_raw()
    {
        var logs = new ListLoggerFactory();
        using var server = new HostileHttpServer(_ => new HostileReply { Status = 200, Headers = ["NO COLON " + Esc + "HERE" + Bidi], DeclaredLength = 0 });
        using OssClient client = HostileClient.Create(server.Endpoint, maxRetries: 1, logs: logs);

        var ex = await Assert.ThrowsAsync<OssClientException>(() => HostileClient.InitiateAsync(client));

        Assert.Equal(OssClientErrorCode.NetworkFailure, ex.ErrorCode);
        AssertClean(ex.Message);
        Assert.All(logs.Lines, l => AssertClean(l.Message));
    }

    [Fact]
    public async Task An_invalid_reply_does_not_echo_raw_values()
    {
        using var server = new HostileHttpServer(_ => HostileReply.Text(200, "<ListPartsResult><Part><PartNumber>1&#13;&#10;FAKE LOG LINE&#x202E;</PartNumber><ETag>\"E\"</ETag><Size>1</Size></Part></ListPartsResult>"));
        using OssClient client = HostileClient.Create(server.Endpoint);

        OssClientException ex = await HostileClient.InvalidResponseAsync(() => client.ListPartsAsync(new ListPartsRequest { BucketName = HostileClient.Bucket, ObjectKey = "k", UploadId = "U1" }));

        AssertClean(ex.Message);
    }

    internal static void AssertClean(string text)
    {
        foreach (char c in text)
        {
            bool unsafeChar = char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\u2028' or '\u2029';
            Assert.False(unsafeChar, $"U+{(int)c:X4} in: {Escape(text)}");
        }

        Assert.DoesNotContain(Forged, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Esc, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Csi, text, StringComparison.Ordinal);
    }

    private static string Escape(string text)
    {
        var sb = new StringBuilder();
        foreach (char c in text.Length > 300 ? text[..300] : text)
        {
            sb.Append(c < ' ' || c > '~' ? $"\\u{(int)c:X4}" : c.ToString());
        }

        return sb.ToString();
    }
}
