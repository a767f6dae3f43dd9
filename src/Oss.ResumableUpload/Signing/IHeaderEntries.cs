namespace Oss.ResumableUpload.Signing;

/// <summary>
/// A header collection that lets the signer reach its case-insensitive dictionary: the signer then enumerates it
/// without a boxed enumerator and sets the headers it computes itself (dates, constants, the STS token) without the
/// collection's checks, which are for caller-supplied values.
/// </summary>
internal interface IHeaderEntries
{
    /// <summary>The entries, keyed case-insensitively.</summary>
    Dictionary<string, string> Entries { get; }
}
