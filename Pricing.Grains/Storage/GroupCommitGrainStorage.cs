using System.Data;
using System.Globalization;
using System.Threading.Channels;
using Orleans.Storage;

namespace Pricing.Storage;

/// <summary>
/// Grain state in the analytics table <c>grain_state</c>, written by group commit: every write waits until it is
/// durable, as with any Orleans storage, but the writes that arrive while one group is being committed go to the
/// database together, in one transaction and one multi-row statement. A pipeline batch persists hundreds of SKU
/// grains at once; one procedure call and transaction each (Orleans' ADO.NET storage) bounded the nightly run on
/// MySQL. Optimistic concurrency as usual: the ETag is the row's version, and a write that expected another
/// version fails with <see cref="InconsistentStateException"/> without failing the rest of its group.
/// </summary>
public sealed class GroupCommitGrainStorage(SqlDatabase database, IGrainStorageSerializer serializer, TimeProvider clock)
    : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>At most this many writes per group, and a group stops growing past <see cref="MaxGroupBytes"/>.</summary>
    public const int MaxGroupWrites = 256;

    /// <summary>Well under MySQL's smallest default max_allowed_packet (16 MB on MariaDB, 64 MB on MySQL 8).</summary>
    public const int MaxGroupBytes = 4 << 20;

    private static readonly string[] Columns = ["grain_id", "state_name", "version", "payload", "modified_at"];

    private readonly Channel<StateWrite> _writes = Channel.CreateUnbounded<StateWrite>(new UnboundedChannelOptions { SingleReader = true });
    private Task? _committing;
    private long _groupsCommitted;

    /// <summary>Transactions committed so far: fewer than the writes when grouping works.</summary>
    public long GroupsCommitted => Interlocked.Read(ref _groupsCommitted);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var stored = await database.ListAsync(
            "SELECT version, payload FROM grain_state WHERE grain_id = @grain AND state_name = @state",
            c => c.Bind("@grain", grainId.ToString()).Bind("@state", stateName),
            r => (Version: r.GetInt64(0), Payload: (byte[])r.GetValue(1)));
        if (stored.Count == 0)
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }
        grainState.State = serializer.Deserialize<T>(new BinaryData(stored[0].Payload));
        grainState.ETag = ETag(stored[0].Version);
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var write = new StateWrite(grainId.ToString(), stateName, ExpectedVersion(grainState.ETag), serializer.Serialize(grainState.State).ToArray());
        EnsureCommitting();
        if (!_writes.Writer.TryWrite(write))
            throw new InvalidOperationException($"grain state of {grainId} not written: the silo is stopping");
        grainState.ETag = ETag(await write.Committed.Task);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (ExpectedVersion(grainState.ETag) is { } expected)
        {
            var deleted = await database.ExecuteAsync(
                "DELETE FROM grain_state WHERE grain_id = @grain AND state_name = @state AND version = @version",
                c => c.Bind("@grain", grainId.ToString()).Bind("@state", stateName).Bind("@version", expected));
            if (deleted == 0)
                throw new InconsistentStateException($"grain state {stateName} of {grainId} changed since it was read", "unknown", grainState.ETag);
        }
        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        // On the way down, writes already queued are still committed before the silo lets go of the database.
        lifecycle.Subscribe(nameof(GroupCommitGrainStorage), ServiceLifecycleStage.ApplicationServices, _ => Task.CompletedTask, async _ =>
        {
            _writes.Writer.TryComplete();
            if (_committing is { } committing)
                await committing;
        });

    private void EnsureCommitting()
    {
        if (_committing is null)
            lock (_writes)
                _committing ??= Task.Run(CommitLoopAsync);
    }

    private async Task CommitLoopAsync()
    {
        var group = new List<StateWrite>(MaxGroupWrites);
        while (await _writes.Reader.WaitToReadAsync())
        {
            TakeGroup(group);
            try
            {
                await CommitAsync(group);
            }
            catch (Exception e)
            {
                foreach (var write in group)
                    write.Committed.TrySetException(e);
            }
        }
    }

    /// <summary>What is queued now, up to the limits; a second write of the same grain waits for the next group.</summary>
    private void TakeGroup(List<StateWrite> group)
    {
        group.Clear();
        var keys = new HashSet<(string, string)>();
        var bytes = 0;
        while (group.Count < MaxGroupWrites && bytes < MaxGroupBytes
               && _writes.Reader.TryPeek(out var next) && keys.Add((next.GrainId, next.StateName)))
        {
            _writes.Reader.TryRead(out _);
            group.Add(next);
            bytes += next.Payload.Length;
        }
    }

    private async Task CommitAsync(List<StateWrite> group)
    {
        using var writing = await database.WriteLockAsync();
        await using var connection = await database.OpenAsync();
        // READ COMMITTED: the version check locks the rows it finds and no gaps, so silos writing new grains never wait on each other
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted);
        var stored = await StoredVersionsAsync(connection, transaction, group);

        var accepted = new List<(StateWrite Write, long Version)>(group.Count);
        foreach (var write in group)
        {
            var current = stored.TryGetValue((write.GrainId, write.StateName), out var v) ? v : (long?)null;
            if (current == write.ExpectedVersion)
                accepted.Add((write, (current ?? 0) + 1));
            else
                write.Committed.TrySetException(new InconsistentStateException(
                    $"grain state {write.StateName} of {write.GrainId} is at version {current?.ToString(CultureInfo.InvariantCulture) ?? "none"}, the write expected {write.ExpectedVersion?.ToString(CultureInfo.InvariantCulture) ?? "none"}",
                    ETag(current), ETag(write.ExpectedVersion)));
        }
        if (accepted.Count > 0)
        {
            await using var upsert = connection.CreateCommand();
            upsert.Transaction = transaction;
            upsert.CommandText = database.UpsertRowsSql("grain_state", Columns, ["grain_id", "state_name"], ["version", "payload", "modified_at"], accepted.Count);
            var now = database.Timestamp(clock.GetUtcNow().UtcDateTime);
            for (var i = 0; i < accepted.Count; i++)
                upsert.Bind($"@grain_id_{i}", accepted[i].Write.GrainId).Bind($"@state_name_{i}", accepted[i].Write.StateName)
                    .Bind($"@version_{i}", accepted[i].Version).Bind($"@payload_{i}", accepted[i].Write.Payload).Bind($"@modified_at_{i}", now);
            await upsert.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
        Interlocked.Increment(ref _groupsCommitted);
        foreach (var (write, version) in accepted)
            write.Committed.TrySetResult(version);
    }

    private async Task<Dictionary<(string, string), long>> StoredVersionsAsync(System.Data.Common.DbConnection connection,
        System.Data.Common.DbTransaction transaction, List<StateWrite> group)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var grains = group.Select(w => w.GrainId).Distinct().ToList();
        command.CommandText = $"SELECT grain_id, state_name, version FROM grain_state WHERE grain_id IN ({DbCommandExtensions.ListPlaceholders("@g", grains.Count)}){database.ForUpdateSql}";
        command.BindList("@g", grains);
        var versions = new Dictionary<(string, string), long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            versions[(reader.GetString(0), reader.GetString(1))] = reader.GetInt64(2);
        return versions;
    }

    private static long? ExpectedVersion(string? etag) => etag is null ? null : long.Parse(etag, CultureInfo.InvariantCulture);

    private static string? ETag(long? version) => version?.ToString(CultureInfo.InvariantCulture);

    /// <summary>One queued write: completed with the new version once its group is committed.</summary>
    private sealed record StateWrite(string GrainId, string StateName, long? ExpectedVersion, byte[] Payload)
    {
        public TaskCompletionSource<long> Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
