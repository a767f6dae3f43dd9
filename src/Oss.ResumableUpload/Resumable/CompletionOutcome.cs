namespace Oss.ResumableUpload.Resumable;

/// <summary>What the server said about a completed object, from CompleteMultipartUpload or, when its reply was lost, HeadObject.</summary>
internal sealed record CompletionOutcome(string ETag, ulong? HashCrc64Ecma, string? CallbackResponseBody, string? RequestId);
