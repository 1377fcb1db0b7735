namespace Pricing.Storage;

/// <summary>The <c>pipeline_watermarks</c> table: per catalog, the newest source change a finished run has covered.</summary>
public sealed class Watermarks(SqlDatabase database, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<DateTime?> GetAsync(string catalog, CancellationToken ct = default) =>
        (await database.ListAsync("SELECT watermark FROM pipeline_watermarks WHERE catalog = @c", c => c.Bind("@c", catalog),
            r => r.GetDateTime(0), ct)).Cast<DateTime?>().SingleOrDefault();

    public async Task SetAsync(string catalog, DateTime watermark, CancellationToken ct = default) =>
        await database.ExecuteAsync(
            database.UpsertSql("pipeline_watermarks", ["catalog", "watermark", "updated_at"], ["catalog"], ["watermark", "updated_at"]),
            c => c.Bind("@catalog", catalog).Bind("@watermark", database.Timestamp(watermark)).Bind("@updated_at", database.Timestamp(Now)), ct);
}
