using System.Data.Common;
using Pricing.Model;

namespace Pricing.Storage;

/// <summary>The <c>job_runs</c> table: every pipeline run and recompute with its progress and counts.</summary>
public sealed class JobRuns(SqlDatabase database, TimeProvider clock)
{
    private const string JobSelect =
        "SELECT id, kind, mode, `trigger`, status, started_at, finished_at, stage, skus_done, skus_total, rows_read, rows_rejected, " +
        "feature_rows_written, anomalies_found, model_version, error, created_at, read_seconds, compute_seconds, score_seconds, write_seconds, " +
        "rows_without_rate FROM job_runs";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<JobRun> CreateAsync(JobKind kind, JobMode mode, string trigger, CancellationToken ct = default)
    {
        await using var writer = await database.OpenWriterAsync(ct);
        await using var command = writer.Connection.CreateCommand();
        command.CommandText = "INSERT INTO job_runs (kind, mode, `trigger`, status, created_at) VALUES (@kind, @mode, @trigger, @status, @now); " + database.LastInsertIdSql;
        command.Bind("@kind", kind.Name()).Bind("@mode", mode.Name()).Bind("@trigger", trigger).Bind("@status", JobStatus.Queued.Name()).Bind("@now", database.Timestamp(Now));
        var id = Convert.ToInt64(await command.ExecuteScalarAsync(ct));
        return (await GetAsync(id, ct))!;
    }

    public async Task UpdateAsync(JobRun job, CancellationToken ct = default)
    {
        var seconds = job.Seconds ?? StageSeconds.Zero;
        await database.ExecuteAsync(
            "UPDATE job_runs SET status = @status, started_at = @started, finished_at = @finished, stage = @stage, skus_done = @done, " +
            "skus_total = @total, rows_read = @read, rows_rejected = @rejected, feature_rows_written = @written, anomalies_found = @anomalies, " +
            "model_version = @model, error = @error, read_seconds = @sr, compute_seconds = @sc, score_seconds = @ss, write_seconds = @sw, " +
            "rows_without_rate = @norate WHERE id = @id",
            c => c.Bind("@status", job.Status.Name())
                .Bind("@started", job.StartedAt is { } s ? database.Timestamp(s) : null)
                .Bind("@finished", job.FinishedAt is { } f ? database.Timestamp(f) : null)
                .Bind("@stage", job.Stage?.Name()).Bind("@done", job.SkusDone).Bind("@total", job.SkusTotal).Bind("@read", job.RowsRead)
                .Bind("@rejected", job.RowsRejected).Bind("@written", job.FeatureRowsWritten).Bind("@anomalies", job.AnomaliesFound)
                .Bind("@model", job.ModelVersion).Bind("@error", job.Error).Bind("@id", job.Id)
                .Bind("@sr", seconds.Read).Bind("@sc", seconds.Compute).Bind("@ss", seconds.Score).Bind("@sw", seconds.Write).Bind("@norate", job.RowsWithoutRate), ct);
    }

    /// <summary>
    /// Changes whenever a run or recompute ends, whatever it wrote: cached counts compare it to the one they were
    /// counted under (docs/architecture.md, "Counts"). Runs go one at a time, so the count of ended runs grows with each.
    /// </summary>
    public async Task<string> RunsEndedStampAsync(CancellationToken ct = default) =>
        (await database.ListAsync("SELECT COUNT(*), MAX(finished_at) FROM job_runs WHERE finished_at IS NOT NULL", null,
            r => $"{r.GetInt64(0)} {(r.IsDBNull(1) ? "" : Convert.ToString(r.GetValue(1), System.Globalization.CultureInfo.InvariantCulture))}", ct)).Single();

    public async Task<JobRun?> GetAsync(long id, CancellationToken ct = default) =>
        (await database.ListAsync($"{JobSelect} WHERE id = @id", c => c.Bind("@id", id), ReadJob, ct)).SingleOrDefault();

    public Task<List<JobRun>> ListAsync(int first, CancellationToken ct = default) =>
        database.ListAsync($"{JobSelect} ORDER BY id DESC LIMIT @first", c => c.Bind("@first", first), ReadJob, ct);

    private static JobRun ReadJob(DbDataReader r) => new(
        r.GetInt64(0), JobNames.Parse<JobKind>(r.GetString(1)), JobNames.Parse<JobMode>(r.GetString(2)), r.GetString(3), JobNames.Parse<JobStatus>(r.GetString(4)),
        r.GetNullableDateTime(5), r.GetNullableDateTime(6), r.GetNullableString(7) is { } stage ? JobNames.Parse<JobStage>(stage) : null, r.GetInt32(8), r.GetInt32(9), r.GetInt64(10),
        r.GetInt64(11), r.GetInt64(12), r.GetInt64(13), r.GetNullableInt32(14), r.GetNullableString(15), r.GetDateTime(16),
        new StageSeconds(r.GetDouble(17), r.GetDouble(18), r.GetDouble(19), r.GetDouble(20)), r.GetInt64(21));
}
