using System.Data.Common;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Pricing.Storage;

/// <summary>A numbered schema change, read from an embedded <c>Vnnnn__description.sql</c> file.</summary>
public sealed record Migration(int Version, string Description, string Sql)
{
    /// <summary>
    /// Statements end with ';' at the end of a line. A file whose first line is <c>-- delimiter: X</c>
    /// ends them with a line holding only X instead (stored procedures and query texts contain ';').
    /// </summary>
    public IEnumerable<string> Statements
    {
        get
        {
            var delimiter = Regex.Match(Sql, @"\A--\s*delimiter:\s*(\S+)");
            var parts = delimiter.Success
                ? Regex.Split(Sql, $@"^\s*{Regex.Escape(delimiter.Groups[1].Value)}\s*$", RegexOptions.Multiline)
                : Regex.Split(Sql, @";[ \t]*\r?$", RegexOptions.Multiline);
            return parts.Select(StripComments).Where(s => s.Length > 0);
        }
    }

    private static string StripComments(string statement) =>
        string.Join('\n', statement.Split('\n').Where(line => !line.TrimStart().StartsWith("--", StringComparison.Ordinal))).Trim();
}

/// <summary>
/// Applies the versioned migrations of one component (Source or Analytics) to one database, in order, once.
/// Safe to run from several processes at once and on every start.
/// </summary>
public sealed class Migrator(SqlDatabase database, string component)
{
    private static readonly Regex FileName = new(@"\.V(?<version>\d+)__(?<description>[A-Za-z0-9_]+)\.sql$");

    public static IReadOnlyList<Migration> Load(DatabaseKind kind, string component)
    {
        var assembly = typeof(Migrator).Assembly;
        var prefix = $".Storage.Migrations.{kind}.{component}.";
        return assembly.GetManifestResourceNames()
            .Where(name => name.Contains(prefix, StringComparison.Ordinal))
            .Select(name => (name, match: FileName.Match(name)))
            .Where(x => x.match.Success)
            .Select(x => new Migration(
                int.Parse(x.match.Groups["version"].Value),
                x.match.Groups["description"].Value.Replace('_', ' '),
                Read(assembly, x.name)))
            .OrderBy(m => m.Version)
            .ToList();
    }

    /// <summary>Applies what is missing and returns what it applied.</summary>
    public async Task<IReadOnlyList<Migration>> ApplyAsync(CancellationToken ct = default)
    {
        var migrations = Load(database.Kind, component);
        var applied = new List<Migration>();
        await using var connection = await database.OpenAsync(ct);
        await ExecuteAsync(connection, null,
            "CREATE TABLE IF NOT EXISTS schema_versions (component VARCHAR(32) NOT NULL, version INT NOT NULL, " +
            "description VARCHAR(200) NOT NULL, applied_at DATETIME(6) NOT NULL, PRIMARY KEY (component, version))", ct);
        await using var schemaLock = await database.LockSchemaAsync(connection, ct);
        foreach (var migration in migrations)
        {
            // MySQL commits DDL implicitly, so a migration there is made idempotent by IF NOT EXISTS and
            // recorded last; on SQLite the whole migration is one transaction.
            await using var transaction = await connection.BeginTransactionAsync(ct);
            if (await CurrentVersionAsync(connection, transaction, ct) >= migration.Version)
                continue;
            foreach (var statement in migration.Statements)
                await ExecuteAsync(connection, transaction, statement, ct,
                    $"{database.ConfigKey}: migration {component} V{migration.Version} ({migration.Description}) failed");
            await using (var record = connection.CreateCommand())
            {
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO schema_versions (component, version, description, applied_at) VALUES (@c, @v, @d, @t)";
                record.Bind("@c", component).Bind("@v", migration.Version).Bind("@d", migration.Description).Bind("@t", database.Timestamp(DateTime.UtcNow));
                await record.ExecuteNonQueryAsync(ct);
            }
            await transaction.CommitAsync(ct);
            applied.Add(migration);
        }
        return applied;
    }

    public async Task<int> CurrentVersionAsync(CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        return await CurrentVersionAsync(connection, null, ct);
    }

    private async Task<int> CurrentVersionAsync(DbConnection connection, DbTransaction? transaction, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_versions WHERE component = @c";
        command.Bind("@c", component);
        try
        {
            return Convert.ToInt32(await command.ExecuteScalarAsync(ct));
        }
        catch (DbException) when (transaction is null)
        {
            return 0; // no schema_versions table yet
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken ct, string? context = null)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = 600;
        try
        {
            await command.ExecuteNonQueryAsync(ct);
        }
        catch (DbException e) when (context is not null)
        {
            throw new InvalidOperationException($"{context}: {e.Message}", e);
        }
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
