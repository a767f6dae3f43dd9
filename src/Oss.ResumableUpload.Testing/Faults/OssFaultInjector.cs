namespace Oss.ResumableUpload.Testing;

/// <summary>
/// Injects faults into an <see cref="OssTestServer"/>, from the test's own process. Each method registers a fault and
/// returns its <see cref="OssFault"/> handle. Faults are checked after the signature, in registration order: every
/// matching <see cref="Delay"/> and <see cref="Hold"/> applies; the first matching fault that replaces the operation (Fail, ResetConnection,
/// RequestTimeTooSkewed, SecurityTokenExpired) wins, and then response modifiers (HoldResponse, DropResponse, CorruptCrc64,
/// CorruptETag) are not used up; otherwise the first matching modifier of each kind applies.
/// </summary>
/// <remarks>
/// A fault that answers without performing the operation still reads the whole request body first, so the client
/// sees the reply rather than a broken upload.
/// </remarks>
public sealed class OssFaultInjector
{
    /// <summary>A <c>count</c> meaning "every matching request, until cancelled".</summary>
    public const int Always = int.MaxValue;

    private readonly Lock _gate = new();
    private readonly List<OssFault> _faults = [];
    private readonly Func<string, bool> _dropUpload;

    internal OssFaultInjector(Func<string, bool> dropUpload)
    {
        _dropUpload = dropUpload;
    }

    /// <summary>Gets the faults that can still fire, in registration order.</summary>
    public IReadOnlyList<OssFault> Pending
    {
        get
        {
            lock (_gate)
            {
                _faults.RemoveAll(static f => f.IsExhausted);
                return _faults.ToArray();
            }
        }
    }

    /// <summary>Answers the next <paramref name="count"/> matching requests with an OSS error instead of performing them.</summary>
    /// <param name="operation">The operation to fail.</param>
    /// <param name="count">How many requests to fail; <see cref="Always"/> for all.</param>
    /// <param name="statusCode">The HTTP status, for example 500, 503 or 403.</param>
    /// <param name="errorCode">The OSS error code in the Error XML, for example <c>InternalError</c> or <c>ServiceUnavailable</c>.</param>
    /// <param name="partNumber">For UploadPart: only this part number; null for any.</param>
    /// <param name="message">The error message; null for a generic one.</param>
    /// <returns>The fault's handle.</returns>
    public OssFault FailNext(OssOperationKind operation, int count = 1, int statusCode = 500, string errorCode = "InternalError", int? partNumber = null, string? message = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 300);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        ArgumentException.ThrowIfNullOrEmpty(errorCode);
        return Add(new OssFault(OssFaultKind.Fail, operation, partNumber, CheckCount(count))
        {
            StatusCode = statusCode,
            ErrorCode = errorCode,
            Message = message,
        });
    }

    /// <summary>
    /// Closes the connection of the next <paramref name="count"/> matching requests without answering. The operation is not performed.
    /// </summary>
    /// <param name="operation">The operation whose connection to reset.</param>
    /// <param name="count">How many requests; <see cref="Always"/> for all.</param>
    /// <param name="afterBodyBytes">
    /// Null: read the whole body, then reset instead of replying. A number: reset as soon as that many body bytes have
    /// arrived (0 resets before reading any), so the client fails mid-upload.
    /// </param>
    /// <param name="partNumber">For UploadPart: only this part number; null for any.</param>
    /// <returns>The fault's handle.</returns>
    public OssFault ResetConnection(OssOperationKind operation, int count = 1, long? afterBodyBytes = null, int? partNumber = null)
    {
        if (afterBodyBytes is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(afterBodyBytes), afterBodyBytes, "afterBodyBytes must not be negative.");
        }

        return Add(new OssFault(OssFaultKind.ResetConnection, operation, partNumber, CheckCount(count)) { AfterBodyBytes = afterBodyBytes });
    }

    /// <summary>Waits <paramref name="delay"/> (real time) before handling the next <paramref name="count"/> matching requests.</summary>
    /// <param name="operation">The operation to slow down.</param>
    /// <param name="delay">How long to wait; the wait ends early if the client disconnects.</param>
    /// <param name="count">How many requests; <see cref="Always"/> for all.</param>
    /// <param name="partNumber">For UploadPart: only this part number; null for any.</param>
    /// <returns>The fault's handle.</returns>
    public OssFault Delay(OssOperationKind operation, TimeSpan delay, int count = 1, int? partNumber = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return Add(new OssFault(OssFaultKind.Delay, operation, partNumber, CheckCount(count)) { DelayBy = delay });
    }

    /// <summary>
    /// Holds the next <paramref name="count"/> matching requests before their body is read, until
    /// <see cref="OssFault.Release"/> is called (or the client gives up). With <see cref="OssFault.WaitForTriggerAsync"/>
    /// a test knows a request is in flight, for example to cancel the upload at that moment, without timing.
    /// </summary>
    /// <param name="operation">The operation to hold.</param>
    /// <param name="count">How many requests; <see cref="Always"/> for all until released.</param>
    /// <param name="partNumber">For UploadPart: only this part number; null for any.</param>
    /// <returns>The fault's handle; call <see cref="OssFault.Release"/> on it.</returns>
    public OssFault Hold(OssOperationKind operation, int count = 1, int? partNumber = null)
        => Add(new OssFault(OssFaultKind.Hold, operation, partNumber, CheckCount(count)));

    /// <summary>Performs the next <paramref name="count"/> matching requests, then closes the connection without answering.</summary>
    /// <param name="operation">The operation whose answer to drop.</param>
    /// <param name="count">How many requests; <see cref="Always"/> for all.</param>
    /// <param name="partNumber">For UploadPart: only this part number; null for any.</param>
    /// <returns>The fault's handle.</returns>
    public OssFault DropResponse(OssOperationKind operation, int count = 1, int? partNumber = null)
        => Add(new OssFault(OssFaultKind.DropResponse, operation, partNumber, CheckCount(count)));

    /// <summary>
    /// Completes the next multipart upload(s) and then closes the connection unanswered: the object exists and the
    /// upload id is gone, so a retried Complete gets <c>NoSuchUpload</c>.
    /// </summary>
    /// <param name="count">How many Complete requests; <see cref="Always"/> for all.</param>
    /// <returns>The fault's handle.</returns>
    public OssFault CompleteThenDropConnection(int count = 1) => DropResponse(OssOperationKind.CompleteMultipartUpload, count);

    /// <summary>
    /// Performs the next <paramref name="count"/> matching requests, then holds their answers until
    /// <see cref="OssFault.Release"/> is called (or the client gives up). With CompleteMultipartUpload, the object exists
    /// while the client still waits for the reply: the moment to kill a client to test a lost Complete reply.
    /// </summary>
    /// <param name="operation">The operation whose answer to hold.</param>
    /// <param name="count">How many requests; <see cref="Always"/> for all until released.</param>
    /// <param name="partNumber">For UploadPart: only this part number; null for any.</param>
    /// <returns>The fault's handle; call <see cref="OssFault.Release"/> on it.</returns>
    public OssFault HoldResponse(OssOperationKind operation, int count = 1, int? partNumber = null)
        => Add(new OssFault(OssFaultKind.HoldResponse, operation, partNumber, CheckCount(count)));

    /// <summary>
    /// Answers the next <paramref name="count"/> matching requests with a wrong CRC-64 (the stored data and CRC stay right).
    /// Affects the <c>x-oss-hash-crc64ecma</c> header of UploadPart, PutObject, CompleteMultipartUpload, GetObject and
    /// HeadObject, and every <c>HashCrc64ecma</c> of a ListParts page.
    /// </summary>
    /// <param name="operation">The operation whose answer to corrupt.</param>
    /// <param name="count">How many requests; <see cref="Always"/> for all.</param>
    /// <param name="partNumber">For UploadPart: only this part number; null for any.</param>
    /// <returns>The fault's handle.</returns>
    public OssFault CorruptCrc64(OssOperationKind operation, int count = 1, int? partNumber = null)
        => Add(new OssFault(OssFaultKind.CorruptCrc64, operation, partNumber, CheckCount(count)));

    /// <summary>
    /// Answers the next <paramref name="count"/> matching requests with a wrong ETag (the stored ETag stays right):
    /// the ETag header, and the ETags in ListParts and CompleteMultipartUpload XML.
    /// </summary>
    /// <param name="operation">The operation whose answer to corrupt.</param>
    /// <param name="count">How many requests; <see cref="Always"/> for all.</param>
    /// <param name="partNumber">For UploadPart: only this part number; null for any.</param>
    /// <returns>The fault's handle.</returns>
    public OssFault CorruptETag(OssOperationKind operation, int count = 1, int? partNumber = null)
        => Add(new OssFault(OssFaultKind.CorruptETag, operation, partNumber, CheckCount(count)));

    /// <summary>Answers the next matching request with <c>403 RequestTimeTooSkewed</c>, whatever its date.</summary>
    /// <param name="operation">The operation to refuse; null for whichever request comes next.</param>
    /// <returns>The fault's handle.</returns>
    public OssFault RequestTimeTooSkewedOnce(OssOperationKind? operation = null)
        => Add(new OssFault(OssFaultKind.RequestTimeTooSkewed, operation, null, 1));

    /// <summary>Answers the next matching request with <c>403 SecurityTokenExpired</c>, as if its STS token had expired.</summary>
    /// <param name="operation">The operation to refuse; null for whichever request comes next.</param>
    /// <returns>The fault's handle.</returns>
    public OssFault SecurityTokenExpiredOnce(OssOperationKind? operation = null)
        => Add(new OssFault(OssFaultKind.SecurityTokenExpired, operation, null, 1));

    /// <summary>
    /// Deletes an unfinished upload and its parts now, as a lifecycle rule would: later requests for it get <c>404 NoSuchUpload</c>.
    /// Requests already streaming a part for it finish with NoSuchUpload too.
    /// </summary>
    /// <param name="uploadId">The upload id.</param>
    /// <returns>True when the upload existed.</returns>
    public bool DropUpload(string uploadId)
    {
        ArgumentException.ThrowIfNullOrEmpty(uploadId);
        return _dropUpload(uploadId);
    }

    /// <summary>Cancels every pending fault.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            foreach (OssFault fault in _faults)
            {
                fault.Cancel();
            }

            _faults.Clear();
        }
    }

    /// <summary>Picks and uses up the faults for one request.</summary>
    internal FaultPlan Take(OssOperationKind operation, int? partNumber)
    {
        lock (_gate)
        {
            if (_faults.Count == 0)
            {
                return FaultPlan.None;
            }

            FaultPlan? plan = null;
            foreach (OssFault fault in _faults)
            {
                if (fault.Kind is (OssFaultKind.Delay or OssFaultKind.Hold) && fault.Matches(operation, partNumber) && fault.TryConsume())
                {
                    plan ??= new FaultPlan();
                    plan.Delay += fault.DelayBy;
                    if (fault.Kind == OssFaultKind.Hold)
                    {
                        plan.Holds.Add(fault);
                    }

                    plan.Applied.Add(fault.Kind);
                }
            }

            foreach (OssFault fault in _faults)
            {
                if (FaultPlan.IsTerminal(fault.Kind) && fault.Matches(operation, partNumber) && fault.TryConsume())
                {
                    plan ??= new FaultPlan();
                    plan.Terminal = fault;
                    plan.Applied.Add(fault.Kind);
                    break;
                }
            }

            if (plan?.Terminal is null)
            {
                foreach (OssFault fault in _faults)
                {
                    if (!FaultPlan.IsTerminal(fault.Kind) && fault.Kind is not (OssFaultKind.Delay or OssFaultKind.Hold) && fault.Matches(operation, partNumber))
                    {
                        bool already = fault.Kind switch
                        {
                            OssFaultKind.HoldResponse => false,
                            OssFaultKind.DropResponse => plan?.DropResponse == true,
                            OssFaultKind.CorruptCrc64 => plan?.CorruptCrc64 == true,
                            _ => plan?.CorruptETag == true,
                        };
                        if (already || !fault.TryConsume())
                        {
                            continue;
                        }

                        plan ??= new FaultPlan();
                        plan.Applied.Add(fault.Kind);
                        switch (fault.Kind)
                        {
                            case OssFaultKind.HoldResponse:
                                plan.ResponseHolds.Add(fault);
                                break;
                            case OssFaultKind.DropResponse:
                                plan.DropResponse = true;
                                break;
                            case OssFaultKind.CorruptCrc64:
                                plan.CorruptCrc64 = true;
                                break;
                            default:
                                plan.CorruptETag = true;
                                break;
                        }
                    }
                }
            }

            _faults.RemoveAll(static f => f.IsExhausted);
            return plan ?? FaultPlan.None;
        }
    }

    private OssFault Add(OssFault fault)
    {
        lock (_gate)
        {
            _faults.Add(fault);
        }

        return fault;
    }

    private static int CheckCount(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return count;
    }
}
