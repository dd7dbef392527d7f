using CloudPortal.Build;

namespace CloudPortal.Tests.Build;

public sealed class IndexLoopTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(7, 1)]
    [InlineData(1000, 1)]
    [InlineData(1000, 64)]
    [InlineData(65, 64)]
    public void Every_index_is_visited_exactly_once(int count, int run)
    {
        var visits = new int[count];

        IndexLoop.ForEach(count, i => Interlocked.Increment(ref visits[i]), run);

        Assert.All(visits, v => Assert.Equal(1, v));
    }

    [Fact]
    public void When_a_body_throws_no_more_indexes_are_handed_out_and_the_exception_reaches_the_caller_after_every_thread_has_stopped()
    {
        var running = 0;
        var visited = 0;
        var afterReturn = 0;
        var returned = false;

        var thrown = Record.Exception(() => IndexLoop.ForEach(10_000, i =>
        {
            Interlocked.Increment(ref running);
            Interlocked.Increment(ref visited);
            if (Volatile.Read(ref returned))
            {
                Interlocked.Increment(ref afterReturn);
            }

            Thread.SpinWait(200);
            if (i == 50)
            {
                throw new InvalidOperationException("page 50");
            }

            Interlocked.Decrement(ref running);
        }, run: 1));
        Volatile.Write(ref returned, true);
        Thread.Sleep(50);

        Assert.NotNull(thrown);
        var message = thrown is AggregateException aggregate ? aggregate.InnerExceptions.Single().Message : thrown.Message;
        Assert.Equal("page 50", message);
        Assert.Equal(0, afterReturn);
        Assert.True(Volatile.Read(ref running) <= 1, "only the body that threw is left unfinished");
        Assert.True(visited < 5_000, $"the loop went on to {visited} indexes after the failure");
    }
}
