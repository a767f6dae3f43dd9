using System.Diagnostics;

namespace Oss.ResumableUpload.Diagnostics;

/// <summary>The package's <see cref="ActivitySource"/>, named <see cref="OssDiagnostics.ActivitySourceName"/>. Activities start only when someone listens.</summary>
internal static class OssActivitySource
{
    public static readonly ActivitySource Source = new(OssDiagnostics.ActivitySourceName, typeof(OssActivitySource).Assembly.GetName().Version?.ToString());
}
