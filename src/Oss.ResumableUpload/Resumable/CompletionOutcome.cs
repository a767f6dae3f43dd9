namespace Oss.ResumableUpload.Resumable;

/// <summary>What the server said about a completed object, from CompleteMultipartUpload or, when its reply was lost, HeadObject.</summary>
/// <param name="ETag">The object's ETag.</param>
/// <param name="HashCrc64Ecma">The object's CRC-64 as the server reported it.</param>
/// <param name="CallbackResponseBody">The callback's reply, when there was one.</param>
/// <param name="RequestId">The request id of the request that produced this outcome.</param>
/// <param name="VerifiedAgainstFile">True when <paramref name="HashCrc64Ecma"/> was already compared with the file's own CRC-64.</param>
internal sealed record CompletionOutcome(string ETag, ulong? HashCrc64Ecma, string? CallbackResponseBody, string? RequestId, bool VerifiedAgainstFile = false);
