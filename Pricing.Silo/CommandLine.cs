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
    public string[] ConfigurationArgs { get; }

    public CommandLine(string[] args, IReadOnlySet<string> verbOptions, IReadOnlySet<string> verbFlags)
    {
        var rest = new List<string>();
        var i = 0;
        Verb = args.Length > 0 && !args[0].StartsWith('-') ? args[i++].ToLowerInvariant() : "run";
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

    public DateOnly? Date(string name) =>
        !_options.TryGetValue(name, out var v) ? null :
        DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) ? parsed :
        throw new UsageException($"--{name} takes a date as yyyy-MM-dd, not '{v}'");
}

internal sealed class UsageException(string message) : Exception(message);
