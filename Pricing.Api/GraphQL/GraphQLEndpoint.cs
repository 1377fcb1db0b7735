using GraphQL;
using GraphQL.Transport;
using GraphQL.Types;
using GraphQLParser.AST;
using Pricing.Gateway.Access;
using Pricing.Model;

namespace Pricing.Gateway.GraphQL;

/// <summary>
/// <c>POST /graphql</c> (JSON body) and <c>GET /graphql?query=…&amp;variables=…</c> for queries only: the project's
/// own small transport, as GraphQL.NET's server package is not served here. A document that does not execute
/// (syntax, validation, complexity) is a 400; field errors come back in <c>errors</c> with a 200, per GraphQL.
/// </summary>
public static class GraphQLEndpoint
{
    public static void MapPricingGraphQL(this IEndpointRouteBuilder app)
    {
        app.MapPost("/graphql", async (HttpContext http, IGraphQLTextSerializer serializer) =>
        {
            GraphQLRequest? request;
            try
            {
                request = await serializer.ReadAsync<GraphQLRequest>(http.Request.Body, http.RequestAborted);
            }
            catch (System.Text.Json.JsonException e)
            {
                await WriteErrorAsync(http, serializer, "BAD_REQUEST", $"the body is not a GraphQL request in JSON: {e.Message}");
                return;
            }
            await ExecuteAsync(http, serializer, request, allowMutations: true);
        });
        app.MapGet("/graphql", async (HttpContext http, IGraphQLTextSerializer serializer) =>
        {
            var query = http.Request.Query;
            Inputs? variables;
            try
            {
                variables = string.IsNullOrEmpty(query["variables"]) ? null : serializer.Deserialize<Inputs>(query["variables"]);
            }
            catch (System.Text.Json.JsonException e)
            {
                await WriteErrorAsync(http, serializer, "BAD_REQUEST", $"variables is not a JSON object: {e.Message}");
                return;
            }
            var request = new GraphQLRequest { Query = query["query"], OperationName = query["operationName"], Variables = variables };
            await ExecuteAsync(http, serializer, request, allowMutations: false);
        });
    }

    private static async Task ExecuteAsync(HttpContext http, IGraphQLTextSerializer serializer, GraphQLRequest? request, bool allowMutations)
    {
        // who may run it is settled before anything runs (docs/api.md, Sign-in and roles); an anonymous caller learns
        // nothing, not even whether the document is valid
        if (Callers.Of(http.User) is not { } caller)
        {
            await WriteRefusalAsync(http, serializer, AccessRefusal.For(null, Role.Viewer, "")!);
            return;
        }
        if (string.IsNullOrWhiteSpace(request?.Query))
        {
            await WriteErrorAsync(http, serializer, "BAD_REQUEST", "no query: send {\"query\": \"...\"}");
            return;
        }
        var chosen = ChooseOperation(request.Query, request.OperationName);
        if (!allowMutations && chosen?.Operation.Operation == OperationType.Mutation)
        {
            http.Response.Headers.Allow = "POST";
            await WriteErrorAsync(http, serializer, "METHOD_NOT_ALLOWED", "mutations need POST", StatusCodes.Status405MethodNotAllowed);
            return;
        }
        if (chosen is { } c && GraphQLAccess.Required(c.Document, c.Operation) is { } need && AccessRefusal.For(caller, need.Role, need.Field) is { } refusal)
        {
            await WriteRefusalAsync(http, serializer, refusal);
            return;
        }
        var executer = http.RequestServices.GetRequiredService<IDocumentExecuter<ISchema>>();
        var result = await executer.ExecuteAsync(o =>
        {
            o.Query = request.Query;
            o.Variables = request.Variables;
            o.OperationName = request.OperationName;
            o.RequestServices = http.RequestServices;
            o.CancellationToken = http.RequestAborted;
            o.User = http.User;
        });
        http.Response.StatusCode = result.Executed ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest;
        http.Response.ContentType = "application/json; charset=utf-8";
        await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
    }

    /// <summary>The operation the request runs, or null when there is none to run (the executer says why).</summary>
    private static (GraphQLDocument Document, GraphQLOperationDefinition Operation)? ChooseOperation(string query, string? operationName)
    {
        try
        {
            var document = GraphQLParser.Parser.Parse(query);
            var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
            var chosen = operationName is null ? operations.FirstOrDefault() : operations.FirstOrDefault(o => o.Name?.StringValue == operationName);
            return chosen is null ? null : (document, chosen);
        }
        catch (GraphQLParser.Exceptions.GraphQLSyntaxErrorException)
        {
            return null;
        }
    }

    private static Task WriteRefusalAsync(HttpContext http, IGraphQLTextSerializer serializer, AccessRefusal refusal) =>
        WriteErrorAsync(http, serializer, refusal.Code, refusal.Message, refusal.Status);

    private static async Task WriteErrorAsync(HttpContext http, IGraphQLTextSerializer serializer, string code, string message, int status = StatusCodes.Status400BadRequest)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=utf-8";
        await serializer.WriteAsync(http.Response.Body, new ExecutionResult { Errors = [new ExecutionError(message) { Code = code }] }, http.RequestAborted);
    }
}
