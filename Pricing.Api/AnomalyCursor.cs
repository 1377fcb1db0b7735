using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Pricing.Model;

namespace Pricing.Gateway;

/// <summary>
/// Opaque strings for an anomaly: its id (its key), and the keyset cursor of a page that ends on it, which also
/// carries the order it was listed in and its value of that order's first column. Base64url, so clients pass
/// them back rather than parse them.
/// </summary>
public static class AnomalyCursor
{
    private const char Separator = '\u001f';

    public static string Of(in FeatureRow row) => Encode(Date(row.Dt), row.Sku, row.SalesOrg, row.CustomerId);

    public static string After(in FeatureRow row, AnomalyOrder order) =>
        Encode(order.ToString(), order.SortValue(row).ToString("R", CultureInfo.InvariantCulture), Date(row.Dt), row.Sku, row.SalesOrg, row.CustomerId);

    /// <summary>The position, or null when the text is not a cursor this API gave out for this order.</summary>
    public static AnomalyPosition? TryDecode(string text, AnomalyOrder order)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)).Split(Separator);
            return parts.Length == 6 && parts[0] == order.ToString()
                && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                && DateOnly.TryParseExact(parts[2], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var dt) && parts[3].Length > 0
                ? new AnomalyPosition(new FeatureKey(parts[3], parts[4], parts[5], dt), value)
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string Date(DateOnly dt) => dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Encode(params string[] parts) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Join(Separator, parts)));
}
