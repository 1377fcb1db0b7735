using Orleans.Storage;
using Pricing.Storage;
using Pricing.Tests.Infrastructure;

namespace Pricing.Tests.Storage;

public abstract class GroupCommitGrainStorageTests(DatabaseKind kind) : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private GroupCommitGrainStorage _storage = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(kind);
        await new Migrator(_db.Database, "Analytics").ApplyAsync();
        _storage = new GroupCommitGrainStorage(_db.Database, new JsonSerializer(), TimeProvider.System);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    /// <summary>A state type as Orleans expects them: a fresh one comes from the parameterless constructor.</summary>
    public sealed class Window
    {
        public Window() { }
        public Window(string sku, int days, double[] prices) => (Sku, Days, Prices) = (sku, days, prices);
        public string Sku { get; set; } = "";
        public int Days { get; set; }
        public double[] Prices { get; set; } = [];
    }

    private static GrainId Sku(int i) => GrainId.Create("sku", $"SKU-{i:D5}");

    [Fact]
    public async Task A_written_state_reads_back_with_its_version_as_the_etag()
    {
        var state = new GrainState<Window> { State = new Window("SKU-00001", 14, [1.5, 2.25]) };
        await _storage.WriteStateAsync("sku", Sku(1), state);
        await _storage.WriteStateAsync("sku", Sku(1), state);

        var read = new GrainState<Window>(new Window());
        await _storage.ReadStateAsync("sku", Sku(1), read);

        Assert.True(read.RecordExists);
        Assert.Equal("2", read.ETag);
        Assert.Equal(state.State!.Prices, read.State!.Prices);
        Assert.Equal(("SKU-00001", 14), (read.State!.Sku, read.State!.Days));
    }

    [Fact]
    public async Task A_grain_never_written_reads_as_a_fresh_state()
    {
        var read = new GrainState<Window> { State = new Window("stale", 1, []), ETag = "7" };
        await _storage.ReadStateAsync("sku", Sku(2), read);

        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        Assert.Equal(("", 0), (read.State!.Sku, read.State!.Days));
    }

    [Fact]
    public async Task Writes_that_arrive_together_commit_together_and_each_lands()
    {
        var states = Enumerable.Range(0, 600).Select(i => new GrainState<Window> { State = new Window($"SKU-{i:D5}", i, [i]) }).ToArray();

        await Task.WhenAll(states.Select((s, i) => Task.Run(() => _storage.WriteStateAsync("sku", Sku(i), s))));

        Assert.All(states, s => Assert.Equal("1", s.ETag));
        Assert.InRange(_storage.GroupsCommitted, 3, 300); // at most 256 per group; far fewer groups than writes
        Assert.Equal(600L, await _db.Database.ScalarAsync<long>("SELECT COUNT(*) FROM grain_state"));
        var read = new GrainState<Window>(new Window());
        await _storage.ReadStateAsync("sku", Sku(599), read);
        Assert.Equal(599, read.State!.Days);
    }

    [Fact]
    public async Task Reads_that_arrive_together_share_a_query_and_each_gets_its_own_state()
    {
        await Task.WhenAll(Enumerable.Range(0, 300).Select(i => _storage.WriteStateAsync("sku", Sku(i), new GrainState<Window> { State = new Window($"SKU-{i:D5}", i, [i, i]) })));

        var reads = Enumerable.Range(0, 400).Select(_ => new GrainState<Window>(new Window())).ToArray();
        await Task.WhenAll(reads.Select((r, i) => Task.Run(() => _storage.ReadStateAsync("sku", Sku(i), r))));

        Assert.All(reads.Take(300), (r, i) => Assert.Equal((true, "1", i, $"SKU-{i:D5}"), (r.RecordExists, r.ETag, r.State!.Days, r.State.Sku)));
        Assert.All(reads.Skip(300), r => Assert.False(r.RecordExists));
        Assert.InRange(_storage.GroupsRead, 2, 200);
    }

    [Fact]
    public async Task A_write_from_a_stale_etag_fails_alone_and_changes_nothing()
    {
        var first = new GrainState<Window> { State = new Window("a", 1, []) };
        await _storage.WriteStateAsync("sku", Sku(3), first);
        var stale = new GrainState<Window> { State = new Window("stale", 2, []), ETag = first.ETag };
        await _storage.WriteStateAsync("sku", Sku(3), first);

        var others = Enumerable.Range(10, 50).Select(i => Task.Run(() => _storage.WriteStateAsync("sku", Sku(i), new GrainState<Window> { State = new Window("o", i, []) })));
        var refused = await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync("sku", Sku(3), stale));
        await Task.WhenAll(others);

        Assert.Contains("at version 2, the write expected 1", refused.Message);
        var read = new GrainState<Window>(new Window());
        await _storage.ReadStateAsync("sku", Sku(3), read);
        Assert.Equal(("a", "2"), (read.State!.Sku, read.ETag));
        Assert.Equal(51L, await _db.Database.ScalarAsync<long>("SELECT COUNT(*) FROM grain_state"));
    }

    [Fact]
    public async Task A_first_write_over_an_existing_row_fails_as_two_activations_would()
    {
        await _storage.WriteStateAsync("sku", Sku(4), new GrainState<Window> { State = new Window("one", 1, []) });

        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync("sku", Sku(4), new GrainState<Window> { State = new Window("two", 1, []) }));
    }

    [Fact]
    public async Task Two_writes_of_one_grain_at_once_go_to_different_groups_and_only_one_wins()
    {
        var a = new GrainState<Window> { State = new Window("a", 1, []) };
        var b = new GrainState<Window> { State = new Window("b", 1, []) };

        var results = await Task.WhenAll(new[] { a, b }.Select(s => Task.Run(async () =>
        {
            try { await _storage.WriteStateAsync("sku", Sku(5), s); return true; }
            catch (InconsistentStateException) { return false; }
        })));

        Assert.Equal(1, results.Count(won => won));
        Assert.Equal(1L, await _db.Database.ScalarAsync<long>("SELECT version FROM grain_state"));
    }

    [Fact]
    public async Task Clearing_removes_the_row_and_refuses_a_stale_etag()
    {
        var state = new GrainState<Window> { State = new Window("a", 1, []) };
        await _storage.WriteStateAsync("sku", Sku(6), state);
        var stale = new GrainState<Window>(new Window()) { ETag = state.ETag };
        await _storage.WriteStateAsync("sku", Sku(6), state);

        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.ClearStateAsync("sku", Sku(6), stale));
        await _storage.ClearStateAsync("sku", Sku(6), state);

        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
        Assert.Equal(0L, await _db.Database.ScalarAsync<long>("SELECT COUNT(*) FROM grain_state"));
        await _storage.WriteStateAsync("sku", Sku(6), state);
        Assert.Equal("1", state.ETag);
    }

    /// <summary>The silo uses Orleans' binary serializer; any serializer shows the storage's own behaviour.</summary>
    private sealed class JsonSerializer : IGrainStorageSerializer
    {
        public BinaryData Serialize<T>(T? input) => BinaryData.FromObjectAsJson(input);
        public T Deserialize<T>(BinaryData input) => input.ToObjectFromJson<T>()!;
    }
}

public sealed class SqliteGroupCommitGrainStorageTests() : GroupCommitGrainStorageTests(DatabaseKind.Sqlite);

[Trait("Category", "MySql")]
public sealed class MySqlGroupCommitGrainStorageTests() : GroupCommitGrainStorageTests(DatabaseKind.MySql);
