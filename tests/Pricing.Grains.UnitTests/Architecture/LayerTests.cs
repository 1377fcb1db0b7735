using System.Reflection;
using NetArchTest.Rules;
using Pricing.Gateway;
using Pricing.Sku;

namespace Pricing.Tests.Architecture;

/// <summary>
/// The direction of the grid's folders (docs/architecture.md, Layers): each may use the ones below it, never one
/// beside or above it, and the gateway's API code sees the grid only through Pricing.Grains.Abstractions.
/// </summary>
public sealed class LayerTests
{
    private static readonly Assembly Grid = typeof(SkuGrain).Assembly;

    /// <summary>Lowest first; the folders of one line do not use each other.</summary>
    public static readonly string[][] Layers =
    [
        ["Pricing.Features", "Pricing.Incidents"],
        ["Pricing.Storage"],
        ["Pricing.Sku", "Pricing.Scoring"],
        ["Pricing.Pipeline", "Pricing.Queries", "Pricing.Seeding", "Pricing.Identity", "Pricing.Triage"],
        ["Pricing.Warmup", "Pricing.Alerts", "Pricing.ModelSelection"],
        ["Pricing.Hosting"],
    ];

    private static readonly string[] GridInternals = [.. Layers.SelectMany(l => l)];

    public static TheoryData<string> Folders() => [.. GridInternals];

    [Theory]
    [MemberData(nameof(Folders))]
    public void A_folder_uses_only_the_layers_below_it(string folder)
    {
        var level = Array.FindIndex(Layers, l => l.Contains(folder));
        var notBelow = Layers.Skip(level).SelectMany(l => l).Where(n => n != folder).ToArray();

        var result = Types.InAssembly(Grid).That().ResideInNamespace(folder).ShouldNot().HaveDependencyOnAny(notBelow).GetResult();

        Assert.True(result.IsSuccessful, $"{folder} uses a layer beside or above it ({string.Join(", ", notBelow)}) in: {Failing(result)}");
    }

    [Fact]
    public void The_gateway_s_api_code_uses_only_the_abstractions()
    {
        // the API (Pricing.Api, namespace Pricing.Gateway); the composition roots are Pricing.Gateway's and
        // Pricing.ClusterGateway's Program.cs, in the global namespace
        var result = Types.InAssembly(typeof(PricingApi).Assembly).That().ResideInNamespace("Pricing.Gateway")
            .ShouldNot().HaveDependencyOnAny(GridInternals).GetResult();

        Assert.True(result.IsSuccessful, $"gateway code uses the grid's internals in: {Failing(result)}");
    }

    [Fact]
    public void The_api_library_references_no_grid_implementation()
    {
        var referenced = typeof(PricingApi).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.Contains("Pricing.Grains.Abstractions", referenced);
        Assert.DoesNotContain(Grid.GetName().Name, referenced);
        Assert.DoesNotContain(referenced, name => name.StartsWith("Microsoft.ML", StringComparison.Ordinal));
    }

    [Fact]
    public void The_rule_sees_a_dependency_that_exists()
    {
        // Hosting wires the stores, so a rule forbidding that must fail: the check above is not passing on nothing
        var result = Types.InAssembly(Grid).That().ResideInNamespace("Pricing.Hosting").ShouldNot().HaveDependencyOn("Pricing.Storage").GetResult();

        Assert.False(result.IsSuccessful);
        Assert.Contains(result.FailingTypeNames, name => name.StartsWith("Pricing.Hosting.", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_folder_of_the_grid_has_its_layer()
    {
        var namespaces = Grid.GetTypes().Select(t => t.Namespace).Where(n => n is not null && n.StartsWith("Pricing.", StringComparison.Ordinal))
            .Where(n => n != "Pricing.Model" && n != "Pricing.Grains" && !n!.StartsWith("OrleansCodeGen", StringComparison.Ordinal)).Distinct();

        Assert.All(namespaces, n => Assert.Contains(n, GridInternals));
    }

    private static string Failing(TestResult result) => string.Join(", ", result.FailingTypeNames ?? []);
}
