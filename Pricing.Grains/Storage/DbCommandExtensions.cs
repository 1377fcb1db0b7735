using System.Data.Common;

namespace Pricing.Storage;

public static class DbCommandExtensions
{
    /// <summary>One statement inside the caller's transaction; returns the rows it changed.</summary>
    public static async Task<int> ExecuteAsync(this DbConnection connection, DbTransaction transaction, string sql, Action<DbCommand> bind, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        bind(command);
        return await command.ExecuteNonQueryAsync(ct);
    }

    public static DbCommand Bind(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return command;
    }

    /// <summary>Binds every (name, value) pair of a query built clause by clause.</summary>
    public static DbCommand BindAll(this DbCommand command, IEnumerable<(string Name, object? Value)> binds)
    {
        foreach (var (name, value) in binds)
            command.Bind(name, value);
        return command;
    }

    /// <summary>The placeholders of an <c>IN (...)</c> list: <c>@s0, @s1, …</c> for <paramref name="count"/> values.</summary>
    public static string ListPlaceholders(string prefix, int count) => string.Join(", ", Enumerable.Range(0, count).Select(i => prefix + i));

    /// <summary>Binds the values of an <c>IN (...)</c> list to the placeholders <see cref="ListPlaceholders"/> wrote.</summary>
    public static DbCommand BindList(this DbCommand command, string prefix, IEnumerable<string> values)
    {
        var i = 0;
        foreach (var value in values)
            command.Bind(prefix + i++, value);
        return command;
    }

    public static string? GetNullableString(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static double? GetNullableDouble(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);

    public static long? GetNullableInt64(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    public static int? GetNullableInt32(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);

    public static DateOnly GetDate(this DbDataReader reader, int ordinal) => reader.GetFieldValue<DateOnly>(ordinal);

    public static DateOnly? GetNullableDate(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateOnly>(ordinal);

    public static DateTime? GetNullableDateTime(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetDateTime(ordinal);
}
