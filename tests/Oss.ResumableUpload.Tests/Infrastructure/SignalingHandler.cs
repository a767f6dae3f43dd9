namespace Oss.ResumableUpload.Tests.Infrastructure;

/// <summary>Counts requests as they leave the client, so a test knows one is in flight.</summary>
public sealed class SignalingHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly SemaphoreSlim _sent = new(0);

    public async Task WaitForRequestAsync() => Assert.True(await _sent.WaitAsync(TimeSpan.FromSeconds(30)), "no request was sent");

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _sent.Release();
        return base.SendAsync(request, cancellationToken);
    }
}
