namespace Oss.ResumableUpload.Resumable;

/// <summary>The outcome of <see cref="PartReconciler.Reconcile"/>.</summary>
/// <param name="Kept">Parts recorded in the checkpoint and confirmed by the server.</param>
/// <param name="Candidates">Server parts to verify against the local bytes before adopting them.</param>
/// <param name="DroppedFromCheckpoint">Checkpoint parts the server did not confirm; they are uploaded again unless adopted.</param>
internal sealed record PartReconciliation(IReadOnlyList<CompletedPart> Kept, IReadOnlyList<OssPartInfo> Candidates, int DroppedFromCheckpoint);
