using System.Globalization;

namespace Pricing.Silo;

/// <summary>
/// <c>Pricing.Silo [verb] [--option value]... [--Section:Key=value]...</c>: the verb and its own options;
/// everything else is configuration, handed to the host unchanged.
/// </summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(string Name, string Value)> _all = [];

    public string Verb { get; }

    /// <summary>The words after the verb, before the first option: <c>user add NAME</c> has "add" and "NAME".</summary>
    public string[] Words { get; }

    public string[] ConfigurationArgs { get; }

    public CommandLine(string[] args, IReadOnlySet<string> verbOptions, IReadOnlySet<string> verbFlags)
    {
        var rest = new List<string>();
        var i = 0;
        Verb = args.Length > 0 && !args[0].StartsWith('-') ? args[i++].ToLowerInvariant() : "run";
        var words = new List<string>();
        for (; i < args.Length && !args[i].StartsWith('-'); i++)
            words.Add(args[i]);
        Words = [.. words];
        for (; i < args.Length; i++)
        {
            var name = args[i].TrimStart('-');
            if (verbFlags.Contains(name))
                _options[name] = "true";
            else if (verbOptions.Contains(name))
            {
                _options[name] = i + 1 < args.Length ? args[++i] : throw new UsageException($"--{name} needs a value");
                _all.Add((name, _options[name]!));
            }
            else
                rest.Add(args[i]);
        }
        ConfigurationArgs = [.. rest];
    }

    public bool Flag(string name) => _options.ContainsKey(name);

    /// <summary>Every value of an option that may be repeated.</summary>
    public string[] Values(string name) => [.. _all.Where(o => string.Equals(o.Name, name, StringComparison.OrdinalIgnoreCase)).Select(o => o.Value)];

    public int Int(string name, int fallback) =>
        !_options.TryGetValue(name, out var v) ? fallback :
        int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed :
        throw new UsageException($"--{name} takes a whole number, not '{v}'");

    public double Double(string name, double fallback) =>
        !_options.TryGetValue(name, out var v) ? fallback :
        double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && double.IsFinite(parsed) ? parsed :
        throw new UsageException($"--{name} takes a number such as 0.5, not '{v}'");

    public string? Text(string name) => _options.GetValueOrDefault(name);

    /// <summary>A span such as 30d, 12h or 90m.</summary>
    public TimeSpan? Span(string name)
    {
        if (!_options.TryGetValue(name, out var value) || value is not { } v)
            return null;
        var unit = v.Length > 1 ? v[^1] : ' ';
        return int.TryParse(v.AsSpan(0, Math.Max(0, v.Length - 1)), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 && unit is 'd' or 'h' or 'm'
            ? unit switch { 'd' => TimeSpan.FromDays(n), 'h' => TimeSpan.FromHours(n), _ => TimeSpan.FromMinutes(n) }
            : throw new UsageException($"--{name} takes a span such as 30d, 12h or 90m, not '{v}'");
    }

    public DateOnly? Date(string name) =>
        !_options.TryGetValue(name, out var v) ? null :
        DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) ? parsed :
        throw new UsageException($"--{name} takes a date as yyyy-MM-dd, not '{v}'");
}

internal sealed class UsageException(string message) : Exception(message);
