namespace Oss.ResumableUpload.Testing;

/// <summary>The faults one request received: at most one that replaces the operation, and any number of modifiers.</summary>
internal sealed class FaultPlan
{
    public static readonly FaultPlan None = new();

    public TimeSpan Delay { get; set; }

    /// <summary>Gets the Hold faults whose release the request waits for.</summary>
    public List<OssFault> Holds { get; } = [];

    /// <summary>Gets or sets the fault that replaces the operation (Fail, ResetConnection, RequestTimeTooSkewed, SecurityTokenExpired).</summary>
    public OssFault? Terminal { get; set; }

    /// <summary>Gets the HoldResponse faults whose release the answer waits for, after the operation is performed.</summary>
    public List<OssFault> ResponseHolds { get; } = [];

    public bool DropResponse { get; set; }

    public bool CorruptCrc64 { get; set; }

    public bool CorruptETag { get; set; }

    public List<OssFaultKind> Applied { get; } = [];

    public static bool IsTerminal(OssFaultKind kind)
        => kind is OssFaultKind.Fail or OssFaultKind.ResetConnection or OssFaultKind.RequestTimeTooSkewed or OssFaultKind.SecurityTokenExpired;
}
