using Oss.ResumableUpload.Checkpoints;

namespace Oss.ResumableUpload.Resumable;

/// <summary>
/// Compares the parts a checkpoint records with the parts the server lists, and sorts them into parts to keep,
/// server parts to verify against the local bytes before adopting them, and (implicitly) parts to upload.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>A server part with the layout's size and the checkpoint's ETag (and, when both are known, its CRC-64) is kept.</item>
/// <item>A server part with the layout's size that the checkpoint lacks, or records with another ETag, is a candidate:
/// it is adopted only if the local bytes' MD5 equals its ETag. This recovers parts uploaded after the last save.</item>
/// <item>A checkpoint part the server does not list, a server part of the wrong size, and a part number outside the
/// layout are ignored; the missing parts are uploaded (again).</item>
/// </list>
/// </remarks>
internal static class PartReconciler
{
    public static PartReconciliation Reconcile(PartLayout layout, IReadOnlyList<CheckpointPart> checkpointParts, IEnumerable<OssPartInfo> serverParts)
    {
        var recorded = new Dictionary<int, CheckpointPart>(checkpointParts.Count);
        foreach (CheckpointPart part in checkpointParts)
        {
            recorded[part.Number] = part;
        }

        var kept = new List<CompletedPart>(checkpointParts.Count);
        var candidates = new List<OssPartInfo>();
        var seen = new HashSet<int>();
        var keptNumbers = new HashSet<int>();
        foreach (OssPartInfo server in serverParts)
        {
            if (server.PartNumber < 1 || server.PartNumber > layout.PartCount || !seen.Add(server.PartNumber))
            {
                continue;
            }

            if (server.Size != layout.GetLength(server.PartNumber) || string.IsNullOrEmpty(server.ETag))
            {
                continue;
            }

            if (recorded.TryGetValue(server.PartNumber, out CheckpointPart? local)
                && ETagsEqual(local.ETag, server.ETag)
                && (server.HashCrc64Ecma is not ulong serverCrc || serverCrc == local.Crc64))
            {
                kept.Add(new CompletedPart(local.Number, local.Size, server.ETag, local.Crc64));
                keptNumbers.Add(local.Number);
            }
            else
            {
                candidates.Add(server);
            }
        }

        int dropped = 0;
        foreach (CheckpointPart part in checkpointParts)
        {
            if (!keptNumbers.Contains(part.Number))
            {
                dropped++;
            }
        }

        return new PartReconciliation(kept, candidates, dropped);
    }

    /// <summary>ETags compare without quotes and case, as OSS writes MD5s in upper-case hex within quotes.</summary>
    public static bool ETagsEqual(string a, string b)
        => a.AsSpan().Trim().Trim('"').Equals(b.AsSpan().Trim().Trim('"'), StringComparison.OrdinalIgnoreCase);
}
