using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Pricing.Model;

namespace Pricing.Gateway;

/// <summary>
/// An anomaly's key as an opaque string: the keyset cursor of the anomalies query (endCursor / after) and the
/// anomaly's id. Base64url of "dt|sku|sales org|customer", so a client cannot mistake it for something to parse.
/// </summary>
public static class AnomalyCursor
{
    private const char Separator = '\u001f';

    public static string Of(in FeatureRow row) => Encode(new FeatureKey(row.Sku, row.SalesOrg, row.CustomerId, row.Dt));

    public static string Encode(FeatureKey key) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
        string.Join(Separator, key.Dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), key.Sku, key.SalesOrg, key.CustomerId)));

    /// <summary>The key, or null when the text is not a cursor this API gave out.</summary>
    public static FeatureKey? TryDecode(string text)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)).Split(Separator);
            return parts.Length == 4 && DateOnly.TryParseExact(parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var dt)
                && parts[1].Length > 0
                ? new FeatureKey(parts[1], parts[2], parts[3], dt)
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
