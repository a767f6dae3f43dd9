using Oss.ResumableUpload.Resumable.Concurrency;

namespace Oss.ResumableUpload.Tests.Resumable;

public sealed class ConcurrencyGateTests
{
    [Fact]
    public async Task Lets_the_limit_in_and_holds_the_next_until_a_slot_is_given_back()
    {
        using var gate = new ConcurrencyGate(2, 4);
        ValueTask<ConcurrencyGate.Lease> first = gate.EnterAsync(CancellationToken.None);
        ValueTask<ConcurrencyGate.Lease> second = gate.EnterAsync(CancellationToken.None);
        Assert.True(first.IsCompletedSuccessfully);
        Assert.True(second.IsCompletedSuccessfully);

        Task<ConcurrencyGate.Lease> third = gate.EnterAsync(CancellationToken.None).AsTask();
        await Task.Delay(50);
        Assert.False(third.IsCompleted);

        (await first).Dispose();
        (await third.WaitAsync(TimeSpan.FromSeconds(10))).Dispose();
        (await second).Dispose();
        Assert.Equal(2, gate.Peak);
    }

    [Fact]
    public async Task A_raise_lets_waiting_parts_in_at_once()
    {
        using var gate = new ConcurrencyGate(1, 4);
        ConcurrencyGate.Lease held = await gate.EnterAsync(CancellationToken.None);
        Task<ConcurrencyGate.Lease> waiting1 = gate.EnterAsync(CancellationToken.None).AsTask();
        Task<ConcurrencyGate.Lease> waiting2 = gate.EnterAsync(CancellationToken.None).AsTask();
        Assert.False(waiting1.IsCompleted);

        Assert.Equal(3, gate.Raise(3));
        ConcurrencyGate.Lease[] leases = await Task.WhenAll(waiting1, waiting2).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(3, gate.Peak);
        Assert.Equal(3, gate.Limit);

        held.Dispose();
        foreach (ConcurrencyGate.Lease lease in leases)
        {
            lease.Dispose();
        }
    }

    [Fact]
    public void The_limit_only_rises_and_stops_at_the_capacity()
    {
        using var gate = new ConcurrencyGate(2, 5);
        Assert.True(gate.CanRise);
        Assert.Equal(2, gate.Raise(1));
        Assert.Equal(4, gate.Raise(4));
        Assert.Equal(5, gate.Raise(99));
        Assert.Equal(5, gate.Limit);
        Assert.False(gate.CanRise);
    }

    [Fact]
    public async Task After_a_raise_to_the_capacity_exactly_that_many_get_in()
    {
        using var gate = new ConcurrencyGate(1, 3);
        gate.Raise(3);
        var leases = new List<ConcurrencyGate.Lease>();
        for (int i = 0; i < 3; i++)
        {
            ValueTask<ConcurrencyGate.Lease> enter = gate.EnterAsync(CancellationToken.None);
            Assert.True(enter.IsCompletedSuccessfully);
            leases.Add(await enter);
        }

        Task<ConcurrencyGate.Lease> fourth = gate.EnterAsync(CancellationToken.None).AsTask();
        await Task.Delay(50);
        Assert.False(fourth.IsCompleted);
        leases[0].Dispose();
        (await fourth.WaitAsync(TimeSpan.FromSeconds(10))).Dispose();
        leases[1].Dispose();
        leases[2].Dispose();
    }

    [Fact]
    public async Task A_fixed_gate_never_waits_and_counts_the_peak()
    {
        // The loop's degree of parallelism bounds a fixed gate; the gate only counts.
        using var gate = new ConcurrencyGate(3, 3);
        Assert.False(gate.CanRise);
        var leases = new List<ConcurrencyGate.Lease>();
        for (int i = 0; i < 3; i++)
        {
            ValueTask<ConcurrencyGate.Lease> enter = gate.EnterAsync(CancellationToken.None);
            Assert.True(enter.IsCompletedSuccessfully);
            leases.Add(await enter);
        }

        leases.ForEach(l => l.Dispose());
        Assert.Equal(3, gate.Peak);
        using ConcurrencyGate.Lease again = await gate.EnterAsync(CancellationToken.None);
        Assert.Equal(3, gate.Peak);
    }

    [Fact]
    public async Task A_cancelled_wait_throws_and_takes_no_slot()
    {
        using var gate = new ConcurrencyGate(1, 2);
        ConcurrencyGate.Lease held = await gate.EnterAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        Task<ConcurrencyGate.Lease> waiting = gate.EnterAsync(cancel.Token).AsTask();
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);

        held.Dispose();
        ValueTask<ConcurrencyGate.Lease> next = gate.EnterAsync(CancellationToken.None);
        Assert.True(next.IsCompletedSuccessfully);
        (await next).Dispose();
        Assert.Equal(1, gate.Peak);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(3, 2)]
    public void Bad_bounds_are_refused(int start, int capacity)
        => Assert.Throws<ArgumentOutOfRangeException>(() => new ConcurrencyGate(start, capacity));
}
