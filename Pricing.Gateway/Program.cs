using System.Text.Encodings.Web;
using GraphQL;
using Microsoft.AspNetCore.Http.Timeouts;
using Orleans.Dashboard;
using Pricing.Gateway;
using Pricing.Gateway.GraphQL;
using Pricing.Gateway.Rest;
using Pricing.Hosting;

// The gateway: GraphQL and REST for the UI and scripts, the built UI, health and the Orleans dashboard. In the
// embedded default it hosts the silo in this process; with Orleans:Clustering=AdoNet it is a client of the cluster.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"), // the built UI sits next to the binary
});
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
if (string.IsNullOrEmpty(builder.Configuration["urls"]))
    builder.WebHost.UseUrls("http://localhost:8000");

if (settings.Clustering == ClusteringKind.Localhost)
    builder.AddPricingSilo(settings);
else
    builder.AddPricingClient(settings, client => client.AddDashboard());

builder.Services.AddSingleton<PricingApi>();
builder.Services.AddHttpContextAccessor();
builder.Services.AddGraphQL(graphql => graphql
    .AddSchema<PricingSchema>()
    .AddGraphTypes(typeof(PricingSchema).Assembly)
    .AddSystemTextJson(o => o.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping)
    // depth 15 still lets GraphiQL's introspection query through; complexity stops a page of pages of pages.
    // Introspection reads the schema in memory, so it costs nothing against the complexity budget.
    .AddComplexityAnalyzer(c =>
    {
        c.MaxDepth = 15;
        c.MaxComplexity = 50_000;
        var standard = c.DefaultComplexityImpactDelegate;
        c.DefaultComplexityImpactDelegate = field =>
            field.FieldDefinition.Name.StartsWith("__", StringComparison.Ordinal) || field.ParentType.Name.StartsWith("__", StringComparison.Ordinal)
                ? new GraphQL.Validation.Complexity.FieldComplexityResult(0, 1)
                : standard(field);
    })
    .AddErrorInfoProvider(o => o.ExposeExceptionDetails = builder.Environment.IsDevelopment()));
builder.Services.AddRequestTimeouts(o => o.DefaultPolicy = new RequestTimeoutPolicy { Timeout = TimeSpan.FromSeconds(30) });
builder.Services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins("http://localhost:5173").AllowAnyHeader().AllowAnyMethod()));
builder.Services.AddHttpLogging(o =>
{
    o.LoggingFields = Microsoft.AspNetCore.HttpLogging.HttpLoggingFields.RequestMethod | Microsoft.AspNetCore.HttpLogging.HttpLoggingFields.RequestPath
        | Microsoft.AspNetCore.HttpLogging.HttpLoggingFields.RequestQuery | Microsoft.AspNetCore.HttpLogging.HttpLoggingFields.ResponseStatusCode
        | Microsoft.AspNetCore.HttpLogging.HttpLoggingFields.Duration;
    o.CombineLogs = true; // one structured entry per request
});

var app = builder.Build();
app.UseHttpLogging();
if (!app.Environment.IsDevelopment())
    app.UseExceptionHandler(error => error.Run(ApiErrors.WriteUnexpectedAsync));
app.UseCors();
app.UseRequestTimeouts();
app.UseMiddleware<ApiErrors>();
app.UseDefaultFiles();
app.UseStaticFiles();

app.MapPricingGraphQL();
app.MapGet("/graphiql", () => Results.Content(Explorer.Page, "text/html; charset=utf-8"));
app.MapRestEndpoints();
app.MapHealthEndpoints();
app.MapOrleansDashboard(routePrefix: "/dashboard");
// client-side routes of the UI (e.g. /sku/SKU000001) get its index page
if (app.Environment.WebRootFileProvider.GetFileInfo("index.html").Exists)
    app.MapFallbackToFile("index.html");
else
    app.MapGet("/", () => Results.Redirect("/graphiql"));

await app.RunAsync();
return 0;

/// <summary>For WebApplicationFactory.</summary>
public partial class Program;
