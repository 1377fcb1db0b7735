using System.Data.Common;
using Pricing.Grains;
using Pricing.Model;

namespace Pricing.Storage;

/// <summary>
/// The analytics DB: one repository per table (features, rejected rows, job runs, model versions, rule overrides,
/// watermarks, users and their tokens, the audit log, incidents), and the writes that span two of them.
/// </summary>
public sealed class AnalyticsStore
{
    public AnalyticsStore(SqlDatabase database, TimeProvider? clock = null)
    {
        var time = clock ?? TimeProvider.System;
        Database = database;
        Features = new FeatureRows(database, time);
        Rejected = new RejectedRows(database, time);
        Jobs = new JobRuns(database, time);
        Models = new ModelVersions(database);
        Rules = new RuleOverrides(database);
        ConvertedRates = new ConvertedRates(database);
        Watermarks = new Watermarks(database, time);
        Users = new UserAccounts(database, time);
        Audit = new AuditLog(database, time);
        SessionKeys = new SessionKeys(database);
        Incidents = new IncidentRows(database, time);
        Alerts = new AlertRows(database, time);
    }

    public SqlDatabase Database { get; }
    public FeatureRows Features { get; }
    public RejectedRows Rejected { get; }
    public JobRuns Jobs { get; }
    public ModelVersions Models { get; }
    public RuleOverrides Rules { get; }
    public ConvertedRates ConvertedRates { get; }
    public Watermarks Watermarks { get; }
    public UserAccounts Users { get; }
    public AuditLog Audit { get; }
    public SessionKeys SessionKeys { get; }
    public IncidentRows Incidents { get; }
    public AlertRows Alerts { get; }

    /// <summary>
    /// Writes what SKU grains handed back, the one way every writer does: deleted rows, then the new rows
    /// (<paramref name="upserts"/>: the change sets' own, or those rows scored), then withdrawn rejections, then new
    /// ones. Each step is idempotent, so a batch that is written again after a failure ends in the same rows.
    /// </summary>
    public async Task WriteChangesAsync(IReadOnlyCollection<SkuChangeSet> changes, IEnumerable<FeatureRow> upserts, long? jobId, CancellationToken ct = default)
    {
        await Features.DeleteAsync(changes.SelectMany(c => c.Deletes), ct);
        await Features.UpsertAsync(upserts, jobId, ct);
        await Rejected.DeleteAsync(changes.SelectMany(c => c.Withdrawn), ct);
        await Rejected.UpsertAsync(changes.SelectMany(c => c.Rejections), jobId, ct);
    }


    /// <summary>
    /// After a full rebuild of some SKUs wrote their rows under <paramref name="jobId"/>, removes the rows of those SKUs
    /// that the rebuild did not write: readers never see a SKU without rows, and a retried rebuild is harmless.
    /// </summary>
    public async Task<int> DeleteStaleAsync(IReadOnlyCollection<string> skus, long jobId, CancellationToken ct = default)
    {
        var names = DbCommandExtensions.ListPlaceholders("@s", skus.Count);
        void Bind(DbCommand c) => c.Bind("@job", jobId).BindList("@s", skus);
        return await Database.ExecuteAsync($"DELETE FROM features WHERE sku IN ({names}) AND (job_id IS NULL OR job_id <> @job)", Bind, ct, 600)
            + await Database.ExecuteAsync($"DELETE FROM rejected_rows WHERE sku IN ({names}) AND (job_id IS NULL OR job_id <> @job)", Bind, ct, 600);
    }
}
