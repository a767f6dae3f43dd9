using Microsoft.Extensions.Logging;
using Oss.ResumableUpload.Resumable.Concurrency;

namespace Oss.ResumableUpload.Resumable;

/// <summary>
/// Uploads the parts the ledger still misses, ascending, with <see cref="ResumableUploadRequest.MaxConcurrency"/> in
/// flight, or more as <see cref="AdaptiveConcurrencyController"/> raises the <see cref="ConcurrencyGate"/> (the loop
/// runs at the gate's capacity, the gate holds back the parts above its limit). Each completed part goes into the
/// ledger and the progress, then gives the checkpoint session its chance of a batched save. The first failure cancels
/// the token the other parts hold, and is the exception that surfaces.
/// </summary>
internal static class PartScheduler
{
    public static async Task UploadMissingPartsAsync(UploadSession session, TimeProvider clock, ILogger logger, CancellationToken cancellationToken)
    {
        List<int> missing = session.Ledger.GetMissingParts();
        if (missing.Count == 0)
        {
            return;
        }

        string uploadId = session.UploadId!;
        int start = session.Request.MaxConcurrency;
        int capacity = Math.Max(start, Math.Min(AdaptiveConcurrencyController.CeilingFor(session.Request, session.Layout.PartSize), missing.Count));
        using var gate = new ConcurrencyGate(start, capacity);
        AdaptiveConcurrencyController? controller = gate.CanRise ? new AdaptiveConcurrencyController(gate, clock, logger, uploadId) : null;
        var options = new ParallelOptions { MaxDegreeOfParallelism = capacity, CancellationToken = cancellationToken, TaskScheduler = TaskScheduler.Default };
        int failed = 0;
        int taken = 0;
        try
        {
            // Each iteration uploads one part, but takes its number only once it holds a slot: the workers the gate
            // holds back would otherwise reach it in any order, and parts must start ascending (one at a time, strictly).
            await Parallel.ForEachAsync(Enumerable.Range(0, missing.Count), options, async (_, token) =>
            {
                CompletedPart part;
                using (await gate.EnterAsync(token).ConfigureAwait(false))
                {
                    // A worker held back by the gate can get the slot of a part that just failed before the loop cancels
                    // its token: it starts nothing then. It returns quietly, so the failure stays the exception that surfaces.
                    if (Volatile.Read(ref failed) != 0)
                    {
                        return;
                    }

                    int partNumber = missing[Interlocked.Increment(ref taken) - 1];

                    try
                    {
                        using (await Directories.TransferBudget.AcquireAsync(session.Request.Budget, token).ConfigureAwait(false))
                        {
                            part = await session.Transfer.UploadAsync(
                                session.BucketName, session.ObjectKey, uploadId, partNumber, session.Progress.CreatePartCallback(partNumber), token).ConfigureAwait(false);
                        }
                    }
                    catch
                    {
                        Volatile.Write(ref failed, 1); // before the slot is given back
                        throw;
                    }
                }

                controller?.OnPartCompleted(part.Size);
                session.Ledger.MarkCompleted(part.Number, part.ETag, part.Crc64);
                session.Progress.OnPartCompleted(part.Number, part.Size);
                await session.Checkpoints.OnPartCompletedAsync(token).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }
        finally
        {
            session.PeakConcurrency = Math.Max(session.PeakConcurrency, gate.Peak);
        }
    }
}
