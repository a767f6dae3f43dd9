using System.Diagnostics;

namespace Oss.ResumableUpload.Diagnostics;

/// <summary>
/// The package's <see cref="ActivitySource"/>, named <see cref="OssDiagnostics.ActivitySourceName"/>. Activities
/// start only when someone listens, and each level has its own name: <c>ResumableUpload</c> (the upload),
/// <c>ResumableUpload.Part</c> (one part, in the engine) and <see cref="HttpActivityPrefix"/> + the operation
/// (one request on the wire, retries included). <see cref="UploadTelemetry"/> and <see cref="RequestTelemetry"/> start
/// them and set their attributes.
/// </summary>
internal static class OssActivitySource
{
    /// <summary>The prefix of a request's activity name, as in <c>oss.http UploadPart</c>.</summary>
    public const string HttpActivityPrefix = "oss.http ";

    public static readonly ActivitySource Source = new(OssDiagnostics.ActivitySourceName, typeof(OssActivitySource).Assembly.GetName().Version?.ToString());

    /// <summary>Starts the Client activity of one operation's request; its name is built only when someone listens.</summary>
    public static Activity? StartHttpActivity(string operationName)
        => Source.HasListeners() ? Source.StartActivity(HttpActivityPrefix + operationName, ActivityKind.Client) : null;
}
