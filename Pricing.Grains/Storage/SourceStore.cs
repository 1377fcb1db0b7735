using System.Data.Common;
using Pricing.Model;

namespace Pricing.Storage;

/// <summary>Reads the SAP-like source tables (docs/architecture.md, Source tables). Every read streams; nothing loads a whole table.</summary>
/// <param name="indexedChangeLimit">
/// On SQLite, changed rows are found through the changed_at index while fewer than this many rows of the table
/// changed, and through the primary key otherwise (see <see cref="ChangedIndexHintAsync"/>).
/// </param>
public sealed class SourceStore(SqlDatabase database, int indexedChangeLimit = SourceStore.DefaultIndexedChangeLimit)
{
    /// <summary>
    /// Scanning this many entries of the changed_at index takes about as long as reading the whole history of a
    /// batch of 250 SKUs through the primary key (measured on the 365-day catalog: 19 and 60 ms for 250,000 entries
    /// and 296,000 rows), so under it the index is the cheaper way for any batch of that size or larger (an
    /// incremental batch holds 1,000 SKUs).
    /// </summary>
    public const int DefaultIndexedChangeLimit = 250_000;

    private const string PriceColumns = "sku, sales_org, customer_id, dt, net_price, unit_cost, currency, changed_at";
    private const string CompetitorColumns = "sku, competitor, dt, price, currency, changed_at";
    internal static readonly ChangedTable Prices = new("daily_prices", "sku, sales_org, customer_id, dt", "ix_daily_prices_changed", PriceColumns);
    internal static readonly ChangedTable Competitors = new("competitor_prices", "sku, competitor, dt", "ix_competitor_prices_changed", CompetitorColumns);
    private const string QuantityColumns = "sku, sales_org, customer_id, dt, quantity, changed_at";
    internal static readonly ChangedTable Quantities = new("billed_quantities", "sku, sales_org, customer_id, dt", "ix_billed_quantities_changed", QuantityColumns);
    internal static readonly ChangedTable[] ChangedTables = [Prices, Competitors, Quantities];

    public SqlDatabase Database => database;

    /// <summary>Materials ordered by SKU: all of them, or those of the given SKUs.</summary>
    public IAsyncEnumerable<Material> ReadMaterialsAsync(IReadOnlyCollection<string>? skus = null, CancellationToken ct = default) =>
        database.QueryAsync($"SELECT sku, description, material_group, base_uom, currency FROM materials {Filter(skus, null)} ORDER BY sku",
            c => Bind(c, skus, null), r => new Material(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4)), ct);

    public async Task<Material?> ReadMaterialAsync(string sku, CancellationToken ct = default) =>
        await ReadMaterialsAsync([sku], ct).SingleOrDefaultAsync(ct);

    public Task<List<string>> ReadSkusOfCurrencyAsync(string currency, CancellationToken ct = default) =>
        database.ListAsync("SELECT sku FROM materials WHERE currency = @c ORDER BY sku", c => c.Bind("@c", currency), r => r.GetString(0), ct);

    public Task<List<string>> ReadSkusOfGroupAsync(string materialGroup, CancellationToken ct = default) =>
        database.ListAsync("SELECT sku FROM materials WHERE material_group = @g ORDER BY sku", c => c.Bind("@g", materialGroup), r => r.GetString(0), ct);

    /// <summary>Price rows ordered by series and date; all of them, or those of the given SKUs, from a day on.</summary>
    public IAsyncEnumerable<PriceRow> ReadPricesAsync(IReadOnlyCollection<string>? skus = null, DateOnly? from = null, CancellationToken ct = default) =>
        database.QueryAsync($"SELECT {PriceColumns} FROM daily_prices {Filter(skus, from)} ORDER BY sku, sales_org, customer_id, dt",
            c => Bind(c, skus, from), ReadPrice, ct);

    /// <summary>Price rows created or changed at or after <paramref name="since"/> (of a range of SKUs), ordered by series and date.</summary>
    public IAsyncEnumerable<PriceRow> ReadPricesChangedSinceAsync(DateTime since, SkuRange? range = null, CancellationToken ct = default) =>
        ReadChangedAsync(Prices, since, range, ReadPrice, ct);

    public IAsyncEnumerable<CompetitorRow> ReadCompetitorPricesAsync(IReadOnlyCollection<string>? skus = null, DateOnly? from = null, CancellationToken ct = default) =>
        database.QueryAsync($"SELECT {CompetitorColumns} FROM competitor_prices {Filter(skus, from)} ORDER BY sku, competitor, dt",
            c => Bind(c, skus, from), ReadCompetitor, ct);

    public IAsyncEnumerable<CompetitorRow> ReadCompetitorPricesChangedSinceAsync(DateTime since, SkuRange? range = null, CancellationToken ct = default) =>
        ReadChangedAsync(Competitors, since, range, ReadCompetitor, ct);

    /// <summary>Billed quantities ordered by series and date; all of them, or those of the given SKUs, from a day on.</summary>
    public async IAsyncEnumerable<BilledQuantity> ReadQuantitiesAsync(IReadOnlyCollection<string>? skus = null, DateOnly? from = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        if (!await HasQuantitiesAsync(ct))
            yield break;
        await foreach (var row in database.QueryAsync($"SELECT {QuantityColumns} FROM billed_quantities {Filter(skus, from)} ORDER BY sku, sales_org, customer_id, dt",
            c => Bind(c, skus, from), ReadQuantity, ct))
            yield return row;
    }

    /// <summary>Billed quantities created or changed at or after <paramref name="since"/> (of a range of SKUs), ordered by series and date.</summary>
    public async IAsyncEnumerable<BilledQuantity> ReadQuantitiesChangedSinceAsync(DateTime since, SkuRange? range = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        if (!await HasQuantitiesAsync(ct))
            yield break;
        await foreach (var row in ReadChangedAsync(Quantities, since, range, ReadQuantity, ct))
            yield return row;
    }

    /// <summary>
    /// billed_quantities is optional in a source (docs/architecture.md, Source tables): without it every volume is 0.
    /// Only a found table is remembered, so one created later (the embedded source's migration) is read from then on.
    /// </summary>
    private async ValueTask<bool> HasQuantitiesAsync(CancellationToken ct) =>
        _hasQuantities || (_hasQuantities = await database.TableExistsAsync(Quantities.Name, ct));

    private bool _hasQuantities;

    /// <summary>Every exchange rate, by currency pair and validity (none when the source has no such table).</summary>
    public async Task<List<ExchangeRate>> ReadExchangeRatesAsync(CancellationToken ct = default) =>
        !await database.TableExistsAsync("exchange_rates", ct) ? [] : await database.ListAsync("SELECT from_currency, to_currency, valid_from, rate FROM exchange_rates ORDER BY from_currency, to_currency, valid_from", null,
            r => new ExchangeRate(r.GetString(0), r.GetString(1), r.GetDate(2), r.GetDouble(3)), ct);

    /// <summary>SKUs with a price, competitor or quantity row changed at or after <paramref name="since"/>, or all SKUs the source knows.</summary>
    public async Task<List<string>> ReadSkusAsync(DateTime? since, CancellationToken ct = default)
    {
        var tables = await HasQuantitiesAsync(ct) ? ChangedTables : [Prices, Competitors];
        if (since is null)
            return await database.ListAsync("SELECT sku FROM materials" + string.Concat(tables.Select(t => $" UNION SELECT sku FROM {t.Name}")) + " ORDER BY 1",
                null, r => r.GetString(0), ct);
        // Without statistics SQLite answered this by scanning both tables in SKU order (2.2 s on the 365-day catalog)
        // rather than the changed_at indexes and a sort (0.19 s); when every row changed, the scan wins (3.7 s, 14.7 s).
        var selects = new List<string>();
        foreach (var table in tables)
            selects.Add($"SELECT sku FROM {table.Name} {await ChangedIndexHintAsync(table, since.Value, ct)} WHERE changed_at >= @since");
        return await database.ListAsync(string.Join(" UNION ", selects) + " ORDER BY 1", c => c.Bind("@since", database.Timestamp(since.Value)), r => r.GetString(0), ct);
    }

    public IAsyncEnumerable<SeedIrregularity> ReadIrregularitiesAsync(CancellationToken ct = default) =>
        database.QueryAsync("SELECT sku, sales_org, customer_id, dt_from, dt_to, kind FROM seed_irregularities ORDER BY sku, dt_from, id", null,
            r => new SeedIrregularity(r.GetString(0), r.GetNullableString(1), r.GetNullableString(2), r.GetDate(3), r.GetDate(4), r.GetString(5)), ct);

    /// <summary>The newest changed_at of the tables the grid reads: where a run that read everything may put the watermark.</summary>
    public async Task<DateTime?> MaxChangedAtAsync(CancellationToken ct = default)
    {
        var newest = new[] { await MaxChangedAtAsync(Prices, ct), await MaxChangedAtAsync(Competitors, ct) }.Max();
        return await HasQuantitiesAsync(ct) ? new[] { newest, await MaxChangedAtAsync(Quantities, ct) }.Max() : newest;
    }

    /// <summary>The newest changed_at of one table.</summary>
    internal async Task<DateTime?> MaxChangedAtAsync(ChangedTable table, CancellationToken ct = default) =>
        (await database.ListAsync($"SELECT MAX(changed_at) FROM {table.Name}", null, r => r.GetNullableDateTime(0), ct))[0];

    public async Task<SourceCounts> CountAsync(CancellationToken ct = default)
    {
        async Task<long> Count(string table) => await database.ScalarAsync<long>($"SELECT COUNT(*) FROM {table}", ct: ct);
        return new SourceCounts(await Count("materials"), await Count("daily_prices"), await Count("competitor_prices"), await Count("seed_irregularities"));
    }

    internal static PriceRow ReadPrice(DbDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetDate(3), r.GetDouble(4), r.GetDouble(5), r.GetString(6), r.GetDateTime(7));

    internal static BilledQuantity ReadQuantity(DbDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetDate(3), r.GetDouble(4), r.GetDateTime(5));

    internal static CompetitorRow ReadCompetitor(DbDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetDate(2), r.GetDouble(3), r.GetString(4), r.GetDateTime(5));

    /// <summary>A source table read by what changed: its primary key, its changed_at index and the columns read.</summary>
    internal sealed record ChangedTable(string Name, string Key, string ChangedIndex, string Columns);

    private async IAsyncEnumerable<T> ReadChangedAsync<T>(ChangedTable table, DateTime since, SkuRange? range, Func<DbDataReader, T> map,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var sql = await ChangedRowsSqlAsync(table, since, range, ct);
        await foreach (var row in database.QueryAsync(sql, c => BindChanged(c, since, range), map, ct))
            yield return row;
    }

    /// <summary>
    /// A range of SKUs rather than a list: with <c>sku IN (…250 SKUs…)</c> MariaDB estimated the primary key's ranges
    /// from statistics and read every row of those SKUs' history to keep the few changed ones (117 ms a batch at 365
    /// days); with a range it weighs the changed_at index and takes it when few rows changed (18 ms), and the primary
    /// key when many did. On SQLite (see <see cref="ChangedIndexHintAsync"/>) the changed_at index holds every column
    /// read (migration Sqlite/Source V0002), so a night's rows come from its adjacent newest entries alone.
    /// </summary>
    internal async Task<string> ChangedRowsSqlAsync(ChangedTable table, DateTime since, SkuRange? range, CancellationToken ct)
    {
        var changed = "WHERE changed_at >= @since" + (range is null ? "" : " AND sku BETWEEN @first AND @last");
        return $"SELECT {table.Columns} FROM {table.Name} {await ChangedIndexHintAsync(table, since, ct)} {changed} ORDER BY {table.Key}";
    }

    /// <summary>
    /// The changed_at index when fewer rows of the table changed than the limit, the primary key otherwise. Left to
    /// itself SQLite takes the primary key, which reads whole histories to find a night's few changes (the bundled
    /// build has no STAT4 to weigh a bound parameter); see <see cref="SqlDatabase.IndexHintWhenSelectiveAsync"/>.
    /// </summary>
    private Task<string> ChangedIndexHintAsync(ChangedTable table, DateTime since, CancellationToken ct) =>
        database.IndexHintWhenSelectiveAsync(table.Name, table.ChangedIndex, "changed_at >= @since",
            c => c.Bind("@since", database.Timestamp(since)), indexedChangeLimit, ct);

    private DbCommand BindChanged(DbCommand command, DateTime since, SkuRange? range)
    {
        command.Bind("@since", database.Timestamp(since));
        return range is null ? command : command.Bind("@first", range.First).Bind("@last", range.Last);
    }

    private static string Filter(IReadOnlyCollection<string>? skus, DateOnly? from)
    {
        var conditions = new List<string>();
        if (skus is not null)
            conditions.Add($"sku IN ({DbCommandExtensions.ListPlaceholders("@s", skus.Count)})");
        if (from is not null)
            conditions.Add("dt >= @from");
        return conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions);
    }

    private static DbCommand Bind(DbCommand command, IReadOnlyCollection<string>? skus, DateOnly? from)
    {
        if (from is not null)
            command.Bind("@from", from.Value);
        return command.BindList("@s", skus ?? []);
    }
}

public sealed record SourceCounts(long Materials, long DailyPrices, long CompetitorPrices, long Irregularities);
