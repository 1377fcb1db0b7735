using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Pricing.Model;

namespace Pricing.Gateway;

/// <summary>Checks shared by GraphQL and REST, so both answer a bad argument with the same code and words.</summary>
public static class ApiArguments
{
    public const int MaxPageSize = 500;

    public static int PageSize(int? value, int fallback, string name = "first")
    {
        var size = value ?? fallback;
        return size is >= 1 and <= MaxPageSize ? size
            : throw new ApiArgumentException(ApiArgumentException.BadArgument, $"{name} must be between 1 and {MaxPageSize} (got {size})");
    }

    public static int Range(int? value, int fallback, int min, int max, string name)
    {
        var number = value ?? fallback;
        return number >= min && number <= max ? number
            : throw new ApiArgumentException(ApiArgumentException.BadArgument, $"{name} must be between {min} and {max} (got {number})");
    }

    public static DateOnly? Date(string? text, string name) =>
        string.IsNullOrEmpty(text) ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date
        : throw new ApiArgumentException(ApiArgumentException.BadDate, $"{name}: '{text}' is not a date as yyyy-MM-dd");

    public static void DateRange(DateOnly? from, DateOnly? to, string fromName = "dtFrom", string toName = "dtTo")
    {
        if (from > to)
            throw new ApiArgumentException(ApiArgumentException.BadDateRange, $"{fromName} ({from:yyyy-MM-dd}) is after {toName} ({to:yyyy-MM-dd})");
    }

    public static AnomalyPosition? AnomalyCursorOrNull(string? after, AnomalyOrder order) =>
        string.IsNullOrEmpty(after) ? null
        : AnomalyCursor.TryDecode(after, order) ?? throw new ApiArgumentException(ApiArgumentException.BadCursor,
            $"after: '{after}' is not a cursor from this API for this order (use pageInfo.endCursor of the same query)");

    public static IncidentPosition? IncidentCursorOrNull(string? after, IncidentOrder order) =>
        string.IsNullOrEmpty(after) ? null
        : IncidentCursor.TryDecode(after, order) ?? throw new ApiArgumentException(ApiArgumentException.BadCursor,
            $"after: '{after}' is not a cursor from this API for this order (use pageInfo.endCursor of the same query)");

    public static long IncidentId(string? id, string name = "id") =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value
        : throw new ApiArgumentException(ApiArgumentException.BadArgument, $"{name}: '{id}' is not an incident id");

    /// <summary>Free text an analyst writes (a note, a comment, an assignee), trimmed; at most <paramref name="max"/> characters.</summary>
    public static string? Text(string? text, string name, int max)
    {
        var trimmed = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        return trimmed is null || trimmed.Length <= max ? trimmed
            : throw new ApiArgumentException(ApiArgumentException.BadArgument, $"{name} must be at most {max} characters (got {trimmed.Length})");
    }

    public static double? MinImpact(double? value) =>
        value is null or >= 0 ? value
        : throw new ApiArgumentException(ApiArgumentException.BadArgument, $"minImpact must be at least 0 (got {value})");

    /// <summary>Rejected rows page by offset; the cursor hides it so clients pass back what they got.</summary>
    public static string OffsetCursor(int offset) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"offset:{offset}"));

    public static int Offset(string? after)
    {
        if (string.IsNullOrEmpty(after))
            return 0;
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(after));
            if (text.StartsWith("offset:", StringComparison.Ordinal) && int.TryParse(text.AsSpan(7), NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
                return offset;
        }
        catch (FormatException)
        {
        }
        throw new ApiArgumentException(ApiArgumentException.BadCursor, $"after: '{after}' is not a cursor from this API");
    }

    public static string Sku(string? sku, string name = "sku") =>
        !string.IsNullOrWhiteSpace(sku) && sku.Length <= 32 ? sku.Trim()
        : throw new ApiArgumentException(ApiArgumentException.BadArgument, $"{name} must be a SKU of 1 to 32 characters");

    public static double? Score(double? value, string name) =>
        value is null or (>= 0 and <= 1) ? value
        : throw new ApiArgumentException(ApiArgumentException.BadArgument, $"{name} must be between 0 and 1 (got {value})");

    public static string MaterialGroup(string? group, string name = "materialGroup") =>
        !string.IsNullOrWhiteSpace(group) && group.Trim().Length <= 20 ? group.Trim()
        : throw new ApiArgumentException(ApiArgumentException.BadArgument, $"{name} must be a material group of 1 to 20 characters");

    /// <summary>A threshold in percent: margins and changes beyond ±1000 % are no threshold anyone means.</summary>
    public static double? Threshold(string name, double? value) =>
        value is null or (>= -1000 and <= 1000) ? value
        : throw new ApiArgumentException(ApiArgumentException.BadArgument, $"{name} must be a percentage between -1000 and 1000 (got {value})");
}
