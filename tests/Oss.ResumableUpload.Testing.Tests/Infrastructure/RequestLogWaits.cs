namespace Oss.ResumableUpload.Testing.Tests;

/// <summary>
/// Waits for request log records: the server adds a record after its reply is written (or its connection reset), so a
/// client can see the reply a moment before the record lands.
/// </summary>
internal static class RequestLogWaits
{
    /// <summary>Waits until the log holds <paramref name="count"/> records of the operation, and returns them.</summary>
    public static async Task<IReadOnlyList<OssRequestRecord>> WaitForRecordsAsync(OssTestServer server, OssOperationKind operation, int count = 1)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (server.Requests.Of(operation).Count < count)
        {
            await Task.Delay(5, timeout.Token);
        }

        return server.Requests.Of(operation);
    }

    /// <summary>Waits until a record with at least this sequence number has been logged.</summary>
    public static async Task WaitForSequenceAsync(OssTestServer server, long sequence)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!server.Requests.Any(r => r.Sequence >= sequence))
        {
            await Task.Delay(5, timeout.Token);
        }
    }
}
