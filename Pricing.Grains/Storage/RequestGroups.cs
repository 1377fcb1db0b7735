using System.Threading.Channels;

namespace Pricing.Storage;

/// <summary>A request that <see cref="RequestGroups{T}"/> handles together with others.</summary>
public interface IGroupedRequest
{
    /// <summary>Two requests with one key never share a group: the second waits for the next.</summary>
    (string, string) Key { get; }

    /// <summary>Bytes the request adds to its group's statement.</summary>
    int Bytes { get; }

    void Fail(Exception error);
}

/// <summary>A grouped request answered with a <typeparamref name="TResult"/> once its group is processed.</summary>
public abstract record GroupedRequest<TResult> : IGroupedRequest
{
    public TaskCompletionSource<TResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public abstract (string, string) Key { get; }

    public virtual int Bytes => 0;

    public void Fail(Exception error) => Done.TrySetException(error);
}

/// <summary>
/// Group commit for any request: one loop takes whatever is queued (up to the limits) and hands it to
/// <c>process</c> as one group, so requests that arrive while a group is in the database wait together for the
/// next one instead of each taking a connection and a round trip. A group that throws fails all its requests.
/// </summary>
public sealed class RequestGroups<T>(Func<List<T>, Task> process, int maxCount, int maxBytes) where T : IGroupedRequest
{
    private readonly Channel<T> _queue = Channel.CreateUnbounded<T>(new UnboundedChannelOptions { SingleReader = true });
    private Task? _loop;
    private long _groups;

    /// <summary>Groups processed so far: fewer than the requests when grouping works.</summary>
    public long Groups => Interlocked.Read(ref _groups);

    public void Enqueue(T request)
    {
        if (_loop is null)
            lock (_queue)
                _loop ??= Task.Run(LoopAsync);
        if (!_queue.Writer.TryWrite(request))
            throw new InvalidOperationException("the silo is stopping: no more requests are taken");
    }

    /// <summary>Takes no more requests and waits until the queued ones are processed.</summary>
    public async Task CompleteAsync()
    {
        _queue.Writer.TryComplete();
        if (_loop is { } loop)
            await loop;
    }

    private async Task LoopAsync()
    {
        var group = new List<T>(maxCount);
        var keys = new HashSet<(string, string)>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            group.Clear();
            keys.Clear();
            var bytes = 0;
            while (group.Count < maxCount && bytes < maxBytes && _queue.Reader.TryPeek(out var next) && keys.Add(next.Key))
            {
                _queue.Reader.TryRead(out _);
                group.Add(next);
                bytes += next.Bytes;
            }
            try
            {
                await process(group);
                Interlocked.Increment(ref _groups);
            }
            catch (Exception e)
            {
                foreach (var request in group)
                    request.Fail(e);
            }
        }
    }
}
