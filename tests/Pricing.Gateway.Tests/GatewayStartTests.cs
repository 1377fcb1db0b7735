using System.Diagnostics;

namespace Pricing.Gateway.Tests;

/// <summary>Which gateway serves which setup, and what each says when started against the other's.</summary>
public sealed class GatewayStartTests
{
    [Fact]
    public async Task The_embedded_gateway_started_against_a_cluster_names_the_cluster_gateway()
    {
        var (exitCode, stderr) = await RunAsync("Pricing.Gateway.dll", "--Pricing:Database=MySql", "--Orleans:Clustering=AdoNet",
            "--ConnectionStrings:Source=Server=127.0.0.1;Database=s", "--ConnectionStrings:Analytics=Server=127.0.0.1;Database=a");

        Assert.Equal(78, exitCode);
        Assert.StartsWith("configuration error: Orleans:Clustering: Pricing.Gateway is the embedded platform (Localhost); a gateway of a cluster is Pricing.ClusterGateway", stderr);
        Assert.Single(stderr.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task Half_configured_single_sign_on_stops_the_start_in_one_line()
    {
        var (exitCode, stderr) = await RunAsync("Pricing.Gateway.dll", "--Pricing:Auth:Jwt:Audience=pricing-grid");

        Assert.Equal(78, exitCode);
        Assert.StartsWith("configuration error: Pricing:Auth:Jwt: single sign-on needs Authority or SigningKey", stderr);
        Assert.Single(stderr.TrimEnd().Split('\n'));
    }

    [Theory]
    [InlineData("configuration error: Orleans:Clustering: '' is not AdoNet", "--Pricing:Database=MySql")]
    [InlineData("configuration error: ConnectionStrings:Analytics: is required", "--Orleans:Clustering=AdoNet")]
    [InlineData("configuration error: ConnectionStrings:Analytics: not a valid MySql connection string", "--Orleans:Clustering=AdoNet", "--ConnectionStrings:Analytics=Colour=blue")]
    public async Task The_cluster_gateway_refuses_a_setup_without_a_cluster_in_one_line(string expected, params string[] args)
    {
        var (exitCode, stderr) = await RunAsync("Pricing.ClusterGateway.dll", args);

        Assert.Equal(78, exitCode);
        Assert.StartsWith(expected, stderr);
        Assert.Single(stderr.TrimEnd().Split('\n'));
    }

    private static async Task<(int ExitCode, string Stderr)> RunAsync(string binary, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, binary));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stderr);
    }
}
