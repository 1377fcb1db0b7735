using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Pricing.Model;

namespace Pricing.Gateway;

/// <summary>
/// The keyset cursor of an incident page: the order it was listed in, the last incident's value of that order's
/// column and its id. Base64url, so clients pass it back rather than parse it.
/// </summary>
public static class IncidentCursor
{
    private const char Separator = '\u001f';

    public static string After(Incident incident, IncidentOrder order) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Join(Separator,
        order.ToString(), order.SortValue(incident).ToString("R", CultureInfo.InvariantCulture), incident.Id.ToString(CultureInfo.InvariantCulture))));

    /// <summary>The position, or null when the text is not a cursor this API gave out for this order.</summary>
    public static IncidentPosition? TryDecode(string text, IncidentOrder order)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)).Split(Separator);
            return parts.Length == 3 && parts[0] == order.ToString()
                && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? new IncidentPosition(value, id)
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
