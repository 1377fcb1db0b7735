using System.Data.Common;
using Pricing.Storage;

namespace Pricing.Hosting;

/// <summary>Opens each database once at start so that a wrong address, password or data directory fails fast and plainly.</summary>
public static class DatabaseCheck
{
    public static async Task EnsureReachableAsync(SqlDatabase database, CancellationToken ct = default)
    {
        try
        {
            await using var connection = await database.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(ct);
        }
        catch (Exception e) when (e is DbException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            throw new PricingConfigurationException(database.ConfigKey, Describe(database, e), e);
        }
    }

    private static string Describe(SqlDatabase database, Exception e) => database switch
    {
        SqliteDatabase { FilePath: { } file } => $"cannot open or create the SQLite file '{file}' ({e.Message.TrimEnd('.')}); check that its directory is writable",
        SqliteDatabase => $"cannot open the SQLite database ({e.Message.TrimEnd('.')})",
        _ => $"cannot reach the MySQL server ({e.Message.TrimEnd('.')})",
    };
}
