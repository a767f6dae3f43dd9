using System.Diagnostics;

namespace Oss.ResumableUpload.Tests.Infrastructure;

/// <summary>Waits for a condition that another task will make true, failing (not hanging) if it never does.</summary>
public static class Eventually
{
    public static async Task WaitUntilAsync(Func<bool> condition, string what, int maxSeconds = 30)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(maxSeconds), $"Gave up after {maxSeconds} s waiting for {what}.");
            await Task.Delay(10);
        }
    }
}
