using System.Collections;
using System.Data.Common;

namespace Pricing.Storage;

/// <summary>
/// Presents a sequence of records as a forward-only data reader, so MySqlBulkCopy can stream them
/// without first copying everything into a DataTable.
/// </summary>
internal sealed class RowReader<T>(IReadOnlyList<BulkColumn<T>> columns, IEnumerable<T> rows) : DbDataReader
{
    private readonly IEnumerator<T> _rows = rows.GetEnumerator();

    public override bool Read() => _rows.MoveNext();
    public override int FieldCount => columns.Count;
    public override object GetValue(int ordinal) => columns[ordinal].Value(_rows.Current) ?? DBNull.Value;
    public override bool IsDBNull(int ordinal) => columns[ordinal].Value(_rows.Current) is null;
    public override string GetName(int ordinal) => columns[ordinal].Name;
    public override int GetOrdinal(string name) => columns.Select((c, i) => (c, i)).First(x => x.c.Name == name).i;
    public override Type GetFieldType(int ordinal) => typeof(object);
    public override string GetDataTypeName(int ordinal) => "object";
    public override int GetValues(object[] values)
    {
        var n = Math.Min(values.Length, columns.Count);
        for (var i = 0; i < n; i++)
            values[i] = GetValue(i);
        return n;
    }

    public override object this[int ordinal] => GetValue(ordinal);
    public override object this[string name] => GetValue(GetOrdinal(name));
    public override int Depth => 0;
    public override bool HasRows => true;
    public override bool IsClosed => false;
    public override int RecordsAffected => -1;
    public override bool NextResult() => false;
    public override IEnumerator GetEnumerator() => throw new NotSupportedException();
    public override bool GetBoolean(int ordinal) => (bool)GetValue(ordinal);
    public override byte GetByte(int ordinal) => (byte)GetValue(ordinal);
    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) => throw new NotSupportedException();
    public override char GetChar(int ordinal) => (char)GetValue(ordinal);
    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) => throw new NotSupportedException();
    public override DateTime GetDateTime(int ordinal) => (DateTime)GetValue(ordinal);
    public override decimal GetDecimal(int ordinal) => (decimal)GetValue(ordinal);
    public override double GetDouble(int ordinal) => (double)GetValue(ordinal);
    public override float GetFloat(int ordinal) => (float)GetValue(ordinal);
    public override Guid GetGuid(int ordinal) => (Guid)GetValue(ordinal);
    public override short GetInt16(int ordinal) => (short)GetValue(ordinal);
    public override int GetInt32(int ordinal) => (int)GetValue(ordinal);
    public override long GetInt64(int ordinal) => (long)GetValue(ordinal);
    public override string GetString(int ordinal) => (string)GetValue(ordinal);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _rows.Dispose();
        base.Dispose(disposing);
    }
}
