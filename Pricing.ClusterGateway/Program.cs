using MySqlConnector;
using Orleans.Configuration;
using Orleans.Dashboard;
using Pricing.Gateway;
using Pricing.Grains;

// A gateway of a cluster (docs/operators.md, Cluster mode): GraphQL, REST and the UI, reading and writing through
// the silos' grains only. It finds the silos in Orleans' membership table in the analytics database.
var builder = WebApplication.CreateBuilder(ApiHost.Options(args));
var orleans = builder.Configuration.GetSection("Orleans");
var clustering = orleans["Clustering"];
var analytics = builder.Configuration["ConnectionStrings:Analytics"];
string? problem = !string.Equals(clustering, "AdoNet", StringComparison.OrdinalIgnoreCase)
    ? $"Orleans:Clustering: '{clustering}' is not AdoNet; Pricing.ClusterGateway joins a cluster (the embedded platform is Pricing.Gateway)"
    : string.IsNullOrWhiteSpace(analytics) ? "ConnectionStrings:Analytics: is required: the cluster's membership table is in the analytics database"
    : ApiHost.ConfigurationProblem(builder.Configuration);
MySqlConnectionStringBuilder? membership = null;
try
{
    membership = problem is null ? new MySqlConnectionStringBuilder(analytics!) { AllowUserVariables = true } : null;
}
catch (ArgumentException e)
{
    problem = $"ConnectionStrings:Analytics: not a valid MySql connection string ({e.Message})";
}
if (problem is not null)
{
    Console.Error.WriteLine($"configuration error: {problem}");
    return 78;
}
// Orleans would read Orleans:Clustering as the name of a provider; the word is ours
builder.Configuration["Orleans:Clustering"] = null;

builder.UseOrleansClient(client =>
{
    client.Configure<ClusterOptions>(o => ClusterIdentity.Read(o, orleans));
    client.UseAdoNetClustering(o =>
    {
        o.Invariant = ClusterIdentity.MySqlInvariant;
        o.ConnectionString = membership!.ConnectionString;
    });
    client.AddDashboard();
});
builder.AddPricingApi();
await builder.Build().MapPricingApi().RunAsync();
return 0;
