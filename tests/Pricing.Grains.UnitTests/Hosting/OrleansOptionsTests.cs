using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Pricing.Hosting;

namespace Pricing.Tests.Hosting;

/// <summary>Orleans' own options reach the silo from configuration (built, not started).</summary>
public class OrleansOptionsTests
{
    [Fact]
    public void Membership_and_grain_collection_options_are_read_from_the_Orleans_section()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Orleans:GrainCollection:CollectionAge"] = "00:01:30",
            ["Orleans:Membership:ProbeTimeout"] = "00:00:02",
        });
        builder.AddPricingSilo(PricingSettings.Read(builder.Configuration));
        using var host = builder.Build();

        Assert.Equal(TimeSpan.FromSeconds(90), host.Services.GetRequiredService<IOptions<GrainCollectionOptions>>().Value.CollectionAge);
        Assert.Equal(TimeSpan.FromSeconds(2), host.Services.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value.ProbeTimeout);
    }
}
