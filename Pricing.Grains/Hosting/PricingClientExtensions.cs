using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Pricing.Hosting;

/// <summary>How a process that is not a silo (a command, later the gateway) joins the cluster as a client.</summary>
public static class PricingClientExtensions
{
    public static IHostApplicationBuilder AddPricingClient(this IHostApplicationBuilder builder, PricingSettings settings, Action<IClientBuilder>? configure = null)
    {
        PricingSiloExtensions.HideContractKeysFromOrleans(builder.Configuration);
        var orleans = builder.Configuration.GetSection("Orleans");
        builder.UseOrleansClient(client =>
        {
            client.Configure<Orleans.Configuration.ClusterOptions>(o => Grains.ClusterIdentity.Read(o, orleans));
            if (settings.Clustering == ClusteringKind.Localhost)
                client.UseLocalhostClustering(int.TryParse(orleans["GatewayPort"], out var port) ? port : 30000);
            else
                client.UseAdoNetClustering(o =>
                {
                    o.Invariant = Grains.ClusterIdentity.MySqlInvariant;
                    o.ConnectionString = Storage.MySqlDatabase.Normalise(settings.AnalyticsConnectionString);
                });
            configure?.Invoke(client);
        });
        return builder;
    }
}
