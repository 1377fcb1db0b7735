using System.Data;
using System.Data.Common;
using System.Globalization;
using System.IO.Compression;
using Orleans.Storage;

namespace Pricing.Storage;

/// <summary>
/// Grain state in the analytics table <c>grain_state</c>, read and written in groups: every write still waits
/// until it is committed, as with any Orleans storage, but the writes that arrive while one group is being
/// committed go to the database together, in one transaction and one multi-row statement; reads likewise share one
/// query. A pipeline batch activates and persists hundreds of SKU grains at once, and one procedure call and
/// transaction per grain (Orleans' ADO.NET storage) bounded the nightly run on MySQL. Optimistic concurrency as
/// usual: the ETag is the row's version, and a write that expected another version fails with
/// <see cref="InconsistentStateException"/> without failing the rest of its group.
/// </summary>
public sealed class GroupCommitGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>At most this many requests per group, and a group stops growing past <see cref="MaxGroupBytes"/>.</summary>
    public const int MaxGroupRequests = 256;

    /// <summary>Well under MySQL's smallest default max_allowed_packet (16 MB on MariaDB, 64 MB on MySQL 8).</summary>
    public const int MaxGroupBytes = 4 << 20;

    private static readonly string[] Columns = ["grain_id", "state_name", "version", "payload", "modified_at"];

    private readonly SqlDatabase _database;
    private readonly IGrainStorageSerializer _serializer;
    private readonly TimeProvider _clock;
    private readonly RequestGroups<StateRead> _reads;
    private readonly RequestGroups<StateWrite> _writes;

    public GroupCommitGrainStorage(SqlDatabase database, IGrainStorageSerializer serializer, TimeProvider clock)
    {
        (_database, _serializer, _clock) = (database, serializer, clock);
        _reads = new RequestGroups<StateRead>(ReadGroupAsync, MaxGroupRequests, MaxGroupBytes);
        _writes = new RequestGroups<StateWrite>(CommitGroupAsync, MaxGroupRequests, MaxGroupBytes);
    }

    /// <summary>Write transactions committed so far: fewer than the writes when grouping works.</summary>
    public long GroupsCommitted => _writes.Groups;

    /// <summary>Read queries so far.</summary>
    public long GroupsRead => _reads.Groups;

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var read = new StateRead(grainId.ToString(), stateName);
        _reads.Enqueue(read);
        if (await read.Done.Task is not { } stored)
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }
        grainState.State = _serializer.Deserialize<T>(new BinaryData(Decompress(stored.Payload)));
        grainState.ETag = ETag(stored.Version);
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var write = new StateWrite(grainId.ToString(), stateName, ExpectedVersion(grainState.ETag), Compress(_serializer.Serialize(grainState.State)));
        _writes.Enqueue(write);
        grainState.ETag = ETag(await write.Done.Task);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (ExpectedVersion(grainState.ETag) is { } expected)
        {
            var deleted = await _database.ExecuteAsync(
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
        lifecycle.Subscribe(nameof(GroupCommitGrainStorage), ServiceLifecycleStage.ApplicationServices, _ => Task.CompletedTask,
            _ => Task.WhenAll(_reads.CompleteAsync(), _writes.CompleteAsync()));

    private async Task ReadGroupAsync(List<StateRead> group)
    {
        await using var connection = await _database.OpenAsync();
        await using var command = connection.CreateCommand();
        var stored = await SelectAsync(command, group.Select(r => r.GrainId), "version, payload",
            r => new StoredState(r.GetInt64(2), (byte[])r.GetValue(3)));
        foreach (var read in group)
            read.Done.TrySetResult(stored.GetValueOrDefault((read.GrainId, read.StateName)));
    }

    private async Task CommitGroupAsync(List<StateWrite> group)
    {
        await using var writer = await _database.OpenWriterAsync();
        var connection = writer.Connection;
        // READ COMMITTED: the version check locks the rows it finds and no gaps, so silos adding new grains never wait on each other
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted);
        await using var select = connection.CreateCommand();
        select.Transaction = transaction;
        var stored = await SelectAsync(select, group.Select(w => w.GrainId), "version", r => r.GetInt64(2), _database.ForUpdateSql);

        var accepted = new List<(StateWrite Write, long Version)>(group.Count);
        foreach (var write in group)
        {
            long? current = stored.TryGetValue((write.GrainId, write.StateName), out var v) ? v : null;
            if (current == write.ExpectedVersion)
                accepted.Add((write, (current ?? 0) + 1));
            else
                write.Fail(new InconsistentStateException(
                    $"grain state {write.StateName} of {write.GrainId} is at version {current?.ToString(CultureInfo.InvariantCulture) ?? "none"}, the write expected {write.ExpectedVersion?.ToString(CultureInfo.InvariantCulture) ?? "none"}",
                    ETag(current), ETag(write.ExpectedVersion)));
        }
        if (accepted.Count > 0)
        {
            await using var upsert = connection.CreateCommand();
            upsert.Transaction = transaction;
            upsert.CommandText = _database.UpsertRowsSql("grain_state", Columns, ["grain_id", "state_name"], ["version", "payload", "modified_at"], accepted.Count);
            var now = _database.Timestamp(_clock.GetUtcNow().UtcDateTime);
            for (var i = 0; i < accepted.Count; i++)
                upsert.Bind($"@grain_id_{i}", accepted[i].Write.GrainId).Bind($"@state_name_{i}", accepted[i].Write.StateName)
                    .Bind($"@version_{i}", accepted[i].Version).Bind($"@payload_{i}", accepted[i].Write.Payload).Bind($"@modified_at_{i}", now);
            await upsert.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
        foreach (var (write, version) in accepted)
            write.Done.TrySetResult(version);
    }

    /// <summary>The grains whose state <paramref name="stateName"/> was written at or after <paramref name="since"/>.</summary>
    public static Task<List<GrainId>> ReadWrittenSinceAsync(SqlDatabase database, string stateName, DateTime since, CancellationToken ct = default) =>
        database.ListAsync("SELECT grain_id FROM grain_state WHERE state_name = @state AND modified_at >= @since",
            c => c.Bind("@state", stateName).Bind("@since", database.Timestamp(since)), r => GrainId.Parse(r.GetString(0)), ct);

    /// <summary>The stored rows of these grains, by grain and state name; columns 0 and 1 are the key.</summary>
    private static async Task<Dictionary<(string, string), TValue>> SelectAsync<TValue>(DbCommand command, IEnumerable<string> grainIds,
        string columns, Func<DbDataReader, TValue> value, string suffix = "")
    {
        var grains = grainIds.Distinct().ToList();
        command.CommandText = $"SELECT grain_id, state_name, {columns} FROM grain_state WHERE grain_id IN ({DbCommandExtensions.ListPlaceholders("@g", grains.Count)}){suffix}";
        command.BindList("@g", grains);
        var rows = new Dictionary<(string, string), TValue>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows[(reader.GetString(0), reader.GetString(1))] = value(reader);
        return rows;
    }

    /// <summary>
    /// A SKU's window is mostly prices and costs that repeat from day to day: zlib at its fastest level takes a
    /// typical state from 5.3 KB to 1.4 KB, which the database then parses, logs and stores four times less of.
    /// </summary>
    private static byte[] Compress(BinaryData state)
    {
        using var buffer = new MemoryStream();
        using (var zlib = new ZLibStream(buffer, CompressionLevel.Fastest))
            zlib.Write(state.ToMemory().Span);
        return buffer.ToArray();
    }

    private static byte[] Decompress(byte[] payload)
    {
        using var zlib = new ZLibStream(new MemoryStream(payload), CompressionMode.Decompress);
        using var state = new MemoryStream();
        zlib.CopyTo(state);
        return state.ToArray();
    }

    private static long? ExpectedVersion(string? etag) => etag is null ? null : long.Parse(etag, CultureInfo.InvariantCulture);

    private static string? ETag(long? version) => version?.ToString(CultureInfo.InvariantCulture);

    private sealed record StoredState(long Version, byte[] Payload);

    /// <summary>One queued read: completed with the stored row, or null when there is none.</summary>
    private sealed record StateRead(string GrainId, string StateName) : GroupedRequest<StoredState?>
    {
        public override (string, string) Key => (GrainId, StateName);
    }

    /// <summary>One queued write: completed with the new version once its group is committed.</summary>
    private sealed record StateWrite(string GrainId, string StateName, long? ExpectedVersion, byte[] Payload) : GroupedRequest<long>
    {
        public override (string, string) Key => (GrainId, StateName);
        public override int Bytes => Payload.Length;
    }
}
