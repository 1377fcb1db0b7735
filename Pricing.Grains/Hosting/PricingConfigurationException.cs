namespace Pricing.Hosting;

/// <summary>A configuration problem an operator can fix; its message names the key and is shown without a stack trace.</summary>
public sealed class PricingConfigurationException(string key, string problem, Exception? inner = null)
    : Exception($"{key}: {problem}", inner)
{
    public string Key { get; } = key;
}
