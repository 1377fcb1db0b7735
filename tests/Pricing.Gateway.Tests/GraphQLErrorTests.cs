using System.Net;
using Pricing.Gateway.Tests.Infrastructure;

namespace Pricing.Gateway.Tests;

/// <summary>Bad arguments get precise codes; documents that cannot run are 400s; limits stop abuse but not introspection.</summary>
[Collection(SqliteGatewayCollection.Name)]
public sealed class GraphQLErrorTests(SqliteGateway gateway)
{
    [Theory]
    [InlineData("{ anomalies(dtFrom: \"2026-05-01\", dtTo: \"2026-04-01\") { totalCount } }", "BAD_DATE_RANGE")]
    [InlineData("{ anomalies(after: \"not-a-cursor\") { totalCount } }", "BAD_CURSOR")]
    [InlineData("{ anomalies(first: 0) { totalCount } }", "BAD_ARGUMENT")]
    [InlineData("{ anomalies(first: 501) { totalCount } }", "BAD_ARGUMENT")]
    [InlineData("{ anomalies(minMlScore: 1.5) { totalCount } }", "BAD_ARGUMENT")]
    [InlineData("{ anomalyReasons(dtFrom: \"2026-05-02\", dtTo: \"2026-05-01\") { count } }", "BAD_DATE_RANGE")]
    [InlineData("{ skuDetail(sku: \"SKU000001\", days: 0) { sku } }", "BAD_ARGUMENT")]
    [InlineData("{ jobs(first: 1000) { id } }", "BAD_ARGUMENT")]
    [InlineData("{ job(id: \"abc\") { id } }", "BAD_ARGUMENT")]
    public async Task A_bad_argument_gets_its_code(string query, string code)
    {
        var (status, body) = await gateway.GraphQLAsync(query);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(code, body["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.DoesNotContain("   at ", body.ToJsonString()); // no stack trace outside Development
    }

    [Fact]
    public async Task A_date_that_is_not_yyyy_MM_dd_is_refused_before_running()
    {
        var (literal, literalBody) = await gateway.GraphQLAsync("{ anomalies(dtFrom: \"01/05/2026\") { totalCount } }");
        var (variable, variableBody) = await gateway.GraphQLAsync("query($d: Date) { anomalies(dtFrom: $d) { totalCount } }", new { d = "2026-13-01" });

        Assert.Equal(HttpStatusCode.BadRequest, literal);
        Assert.Equal("ARGUMENTS_OF_CORRECT_TYPE", literalBody["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Contains("Expected type 'Date'", literalBody["errors"]![0]!["message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, variable);
        Assert.Equal("INVALID_VALUE", variableBody["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Syntax_errors_and_unknown_fields_are_400s()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await gateway.GraphQLAsync("{ anomalies( ")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await gateway.GraphQLAsync("{ noSuchField }")).Status);
        var empty = await gateway.Http.PostAsync("/graphql", new StringContent("not json", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
    }

    [Fact]
    public async Task Queries_nested_too_deep_are_refused_but_the_explorer_introspection_passes()
    {
        // 20 levels: deeper than any client of this schema needs, and than the introspection below
        var deep = "{ __schema { types { fields { type " + string.Concat(Enumerable.Repeat("{ ofType ", 16)) + "{ name }" + new string('}', 16 + 4);
        var (status, body) = await gateway.GraphQLAsync(deep);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("depth", body.ToJsonString(), StringComparison.OrdinalIgnoreCase);

        await gateway.DataAsync(IntrospectionQuery);
    }

    [Fact]
    public async Task A_query_asking_for_too_much_at_once_is_refused_for_complexity()
    {
        var page = "anomalies(first: 500) { nodes { sku salesOrg customerId dt netPrice unitCost marginPct priceChange7dPct volatility14dPct compMinPrice compDeltaPct mlScore reasons } }";
        var greedy = "{ " + string.Join(" ", Enumerable.Range(0, 10).Select(i => $"p{i}: {page}")) + " }";

        var (status, body) = await gateway.GraphQLAsync(greedy);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("COMPLEXITY", body["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_runs_queries_and_refuses_mutations()
    {
        var query = await gateway.Http.GetAsync("/graphql?query=" + Uri.EscapeDataString("{ latestJob { id } }"));
        var mutation = await gateway.Http.GetAsync("/graphql?query=" + Uri.EscapeDataString("mutation { runPipeline { id } }"));

        Assert.Equal(HttpStatusCode.OK, query.StatusCode);
        Assert.Contains("latestJob", await query.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.MethodNotAllowed, mutation.StatusCode);
        var badVariables = await gateway.Http.GetAsync("/graphql?query=" + Uri.EscapeDataString("{ latestJob { id } }") + "&variables=%7Bnot");
        Assert.Equal(HttpStatusCode.BadRequest, badVariables.StatusCode);
    }

    [Fact]
    public async Task The_explorer_page_is_served()
    {
        var page = await gateway.Http.GetStringAsync("/graphiql");
        Assert.Contains("GraphQL explorer", page);
    }

    // What GraphiQL sends (abridged only in whitespace): the deepest part is TypeRef's seven levels of ofType.
    private const string IntrospectionQuery = """
        query IntrospectionQuery { __schema { queryType { name } mutationType { name } subscriptionType { name }
          types { ...FullType } directives { name description locations args { ...InputValue } } } }
        fragment FullType on __Type { kind name description
          fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
          inputFields { ...InputValue } interfaces { ...TypeRef } enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
          possibleTypes { ...TypeRef } }
        fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
        fragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }
        """;
}
