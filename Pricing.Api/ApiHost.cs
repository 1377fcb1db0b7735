using System.Text.Encodings.Web;
using GraphQL;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.HttpLogging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Dashboard;
using Pricing.Gateway.Access;
using Pricing.Gateway.GraphQL;
using Pricing.Gateway.Rest;

namespace Pricing.Gateway;

/// <summary>
/// What every gateway serves, whichever way it reaches the grains: GraphQL and REST for the UI and scripts, the
/// built UI, health, the explorer and the Orleans dashboard.
/// </summary>
public static class ApiHost
{
    /// <summary>Options for a web application whose built UI sits next to the binary.</summary>
    public static WebApplicationOptions Options(string[] args) => new()
    {
        Args = args,
        WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
    };

    /// <summary>What is wrong with the API's own settings (single sign-on), in one line, or null; checked before start.</summary>
    public static string? ConfigurationProblem(IConfiguration configuration)
    {
        try
        {
            SingleSignOn.Read(configuration);
            return null;
        }
        catch (InvalidOperationException e)
        {
            return e.Message;
        }
    }

    public static WebApplicationBuilder AddPricingApi(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
            builder.WebHost.UseUrls("http://localhost:8000");
        builder.Services.AddSingleton<PricingApi>();
        builder.Services.AddPricingAuthentication(builder.Configuration);
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
                        ? new global::GraphQL.Validation.Complexity.FieldComplexityResult(0, 1)
                        : standard(field);
            })
            .AddErrorInfoProvider(o => o.ExposeExceptionDetails = builder.Environment.IsDevelopment()));
        builder.Services.AddRequestTimeouts(o => o.DefaultPolicy = new RequestTimeoutPolicy { Timeout = TimeSpan.FromSeconds(30) });
        builder.Services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins("http://localhost:5173").AllowAnyHeader().AllowAnyMethod()));
        builder.Services.AddHttpLogging(o =>
        {
            o.LoggingFields = HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath | HttpLoggingFields.RequestQuery
                | HttpLoggingFields.ResponseStatusCode | HttpLoggingFields.Duration;
            o.CombineLogs = true; // one structured entry per request
        });
        return builder;
    }

    public static WebApplication MapPricingApi(this WebApplication app)
    {
        app.UseHttpLogging();
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler(error => error.Run(ApiErrors.WriteUnexpectedAsync));
        app.UseCors();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseMiddleware<CsrfGuard>();
        app.UseMiddleware<RestAccess>();
        app.UseRequestTimeouts();
        app.UseMiddleware<ApiErrors>();
        app.UseDefaultFiles();
        app.UseStaticFiles();

        app.MapPricingGraphQL();
        app.MapGet("/graphiql", () => Results.Content(Explorer.Page, "text/html; charset=utf-8"));
        app.MapRestEndpoints();
        app.MapSignInEndpoints();
        app.MapHealthEndpoints();
        app.MapOrleansDashboard(routePrefix: "/dashboard");
        // client-side routes of the UI (e.g. /sku/SKU000001) get its index page
        if (app.Environment.WebRootFileProvider.GetFileInfo("index.html").Exists)
            app.MapFallbackToFile("index.html");
        else
            app.MapGet("/", () => Results.Redirect("/graphiql"));
        return app;
    }
}
