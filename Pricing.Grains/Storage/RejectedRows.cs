using System.Data.Common;
using Pricing.Model;

namespace Pricing.Storage;

/// <summary>The <c>rejected_rows</c> table: source rows the grid refused, each with its reason and the run that found it.</summary>
public sealed class RejectedRows(SqlDatabase database, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public Task<long> UpsertAsync(IEnumerable<RejectedRow> rows, long? jobId, CancellationToken ct = default)
    {
        var now = Now;
        var columns = new BulkColumn<RejectedRow>[]
        {
            new("source_table", r => r.Table), new("sku", r => r.Sku), new("sales_org", r => r.SalesOrg ?? ""),
            new("customer_id", r => r.CustomerId ?? ""), new("competitor", r => r.Competitor ?? ""), new("dt", r => r.Dt),
            new("reason", r => r.Reason.Code()), new("job_id", _ => jobId), new("rejected_at", _ => now),
        };
        return database.BulkInsertAsync("rejected_rows", columns, rows, OnDuplicate.Replace, ct);
    }

    /// <summary>Withdraws rejections of rows that a correction made good again.</summary>
    public Task<int> DeleteAsync(IEnumerable<RejectedRow> rows, CancellationToken ct = default) =>
        database.DeleteByKeyAsync(
            "DELETE FROM rejected_rows WHERE source_table = @p0 AND sku = @p1 AND sales_org = @p2 AND customer_id = @p3 AND competitor = @p4 AND dt = @p5",
            rows, r => [r.Table, r.Sku, r.SalesOrg ?? "", r.CustomerId ?? "", r.Competitor ?? "", r.Dt], ct);

    public Task<List<RejectedRow>> ReadAsync(string? table = null, string? sku = null, long? jobId = null, string? reason = null,
        int first = int.MaxValue, int offset = 0, CancellationToken ct = default)
    {
        var filters = new List<string>();
        if (table is not null) filters.Add("source_table = @t");
        if (sku is not null) filters.Add("sku = @sku");
        if (jobId is not null) filters.Add("job_id = @job");
        if (reason is not null) filters.Add("reason = @reason");
        var where = filters.Count == 0 ? "" : "WHERE " + string.Join(" AND ", filters);
        return database.ListAsync(
            $"SELECT source_table, sku, sales_org, customer_id, competitor, dt, reason, job_id FROM rejected_rows {where} " +
            "ORDER BY source_table, sku, sales_org, customer_id, competitor, dt LIMIT @first OFFSET @offset",
            c => c.Bind("@t", table).Bind("@sku", sku).Bind("@job", jobId).Bind("@reason", reason).Bind("@first", first).Bind("@offset", offset),
            r => new RejectedRow(r.GetString(0), r.GetString(1), EmptyAsNull(r.GetString(2)), EmptyAsNull(r.GetString(3)),
                EmptyAsNull(r.GetString(4)), r.GetDate(5), RejectReasonCodes.Parse(r.GetString(6)), r.GetNullableInt64(7)), ct);
    }

    private static string? EmptyAsNull(string value) => value.Length == 0 ? null : value;
}
