using System.Diagnostics;

namespace Oss.ResumableUpload.Diagnostics;

/// <summary>The package's <see cref="ActivitySource"/>, named after the package. Activities start only when someone listens.</summary>
internal static class OssActivitySource
{
    public const string Name = "Oss.ResumableUpload";

    public static readonly ActivitySource Source = new(Name, typeof(OssActivitySource).Assembly.GetName().Version?.ToString());
}
