using System.Data.Common;
using Pricing.Model;

namespace Pricing.Storage;

/// <summary>The <c>model_versions</c> table: trained scoring models, their metrics and whether they still load.</summary>
public sealed class ModelVersions(SqlDatabase database)
{
    private const string ModelSelect =
        "SELECT version, created_at, trained_from, trained_to, row_count, threshold, metrics_json, {0}, evaluation_json, broken_reason FROM model_versions";

    public async Task SaveAsync(ModelVersion model, CancellationToken ct = default) =>
        await database.ExecuteAsync(
            "INSERT INTO model_versions (version, created_at, trained_from, trained_to, row_count, threshold, metrics_json, model_bytes) " +
            "VALUES (@v, @created, @from, @to, @rows, @threshold, @metrics, @bytes)",
            c => c.Bind("@v", model.Version).Bind("@created", database.Timestamp(model.CreatedAt)).Bind("@from", model.TrainedFrom)
                .Bind("@to", model.TrainedTo).Bind("@rows", model.RowCount).Bind("@threshold", model.Threshold)
                .Bind("@metrics", model.MetricsJson).Bind("@bytes", model.ModelBytes), ct);

    /// <summary>One version with its bytes, or the latest usable one (not marked broken) when no version is named.</summary>
    public async Task<ModelVersion?> GetAsync(int? version = null, CancellationToken ct = default) =>
        (await database.ListAsync(
            string.Format(ModelSelect, "model_bytes") +
            (version is null ? " WHERE broken_reason IS NULL ORDER BY version DESC LIMIT 1" : " WHERE version = @v"),
            c => c.Bind("@v", version), ReadModel, ct)).SingleOrDefault();

    /// <summary>All versions, newest first, without their bytes.</summary>
    public Task<List<ModelVersion>> ListAsync(CancellationToken ct = default) =>
        database.ListAsync(string.Format(ModelSelect, "NULL") + " ORDER BY version DESC", null, ReadModel, ct);

    public async Task<int> NextVersionAsync(CancellationToken ct = default) =>
        (int)(await database.ScalarAsync<long?>("SELECT MAX(version) FROM model_versions", ct: ct) ?? 0) + 1;

    public Task SetEvaluationAsync(int version, string evaluationJson, CancellationToken ct = default) =>
        database.ExecuteAsync("UPDATE model_versions SET evaluation_json = @e WHERE version = @v",
            c => c.Bind("@e", evaluationJson).Bind("@v", version), ct);

    public Task MarkBrokenAsync(int version, string reason, CancellationToken ct = default) =>
        database.ExecuteAsync("UPDATE model_versions SET broken_reason = @r WHERE version = @v",
            c => c.Bind("@r", reason).Bind("@v", version), ct);

    private static ModelVersion ReadModel(DbDataReader r) => new(
        r.GetInt32(0), r.GetDateTime(1), r.GetNullableDate(2), r.GetNullableDate(3), r.GetInt64(4), r.GetDouble(5), r.GetString(6),
        r.IsDBNull(7) ? [] : (byte[])r.GetValue(7), r.GetNullableString(8), r.GetNullableString(9));
}
