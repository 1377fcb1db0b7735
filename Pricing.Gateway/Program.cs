using Pricing.Gateway;
using Pricing.Hosting;

// The embedded default: one process hosting the silo (SQLite, localhost clustering) and the API. Its composition
// root is the only code outside the silo that references the grid's implementation; a gateway of a cluster is
// Pricing.ClusterGateway, which carries none of it (docs/architecture.md, Layers).
var builder = WebApplication.CreateBuilder(ApiHost.Options(args));
PricingSettings settings;
try
{
    settings = PricingSettings.Read(builder.Configuration);
}
catch (PricingConfigurationException e)
{
    Console.Error.WriteLine($"configuration error: {e.Message}");
    return 78;
}
if (settings.Clustering != ClusteringKind.Localhost)
{
    Console.Error.WriteLine($"configuration error: {PricingSettings.ClusteringKey}: Pricing.Gateway is the embedded platform (Localhost); " +
        "a gateway of a cluster is Pricing.ClusterGateway: dotnet Pricing.ClusterGateway.dll (see docs/operators.md)");
    return 78;
}

if (ApiHost.ConfigurationProblem(builder.Configuration) is { } apiProblem)
{
    Console.Error.WriteLine($"configuration error: {apiProblem}");
    return 78;
}

builder.AddPricingSilo(settings);
builder.AddPricingApi();
await builder.Build().MapPricingApi().RunAsync();
return 0;

/// <summary>For WebApplicationFactory.</summary>
public partial class Program;
