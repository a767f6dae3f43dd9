namespace Oss.ResumableUpload.Resumable;

/// <summary>
/// Uploads the parts the ledger still misses, ascending, with at most <see cref="ResumableUploadRequest.MaxConcurrency"/>
/// in flight. Each completed part goes into the ledger and the progress, then gives the checkpoint session its chance
/// of a batched save. The first failure cancels the token the other parts hold, and is the exception that surfaces.
/// </summary>
internal static class PartScheduler
{
    public static Task UploadMissingPartsAsync(UploadSession session, CancellationToken cancellationToken)
    {
        List<int> missing = session.Ledger.GetMissingParts();
        if (missing.Count == 0)
        {
            return Task.CompletedTask;
        }

        string uploadId = session.UploadId!;
        return Parallel.ForEachAsync(missing, session.CreateParallelOptions(cancellationToken), async (partNumber, token) =>
        {
            CompletedPart part;
            using (await Directories.TransferBudget.AcquireAsync(session.Request.Budget, token).ConfigureAwait(false))
            {
                part = await session.Transfer.UploadAsync(
                    session.BucketName, session.ObjectKey, uploadId, partNumber, session.Progress.CreatePartCallback(partNumber), token).ConfigureAwait(false);
            }

            session.Ledger.MarkCompleted(part.Number, part.ETag, part.Crc64);
            session.Progress.OnPartCompleted(part.Number, part.Size);
            await session.Checkpoints.OnPartCompletedAsync(token).ConfigureAwait(false);
        });
    }
}
