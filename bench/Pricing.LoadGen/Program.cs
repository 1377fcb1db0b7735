using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

// An open-loop load generator for the gateway: sends requests at a fixed rate (whether or not earlier ones have
// answered, so a slow server cannot slow the load down and hide its latency) and prints p50/p99/max per query.
// It calls as the user of the bearer token in PRICING_TOKEN (docs/api.md, Sign-in and roles).
//   PRICING_TOKEN=pg_… dotnet run -c Release --project bench/Pricing.LoadGen -- http://localhost:8000 200 30
var baseUrl = args.Length > 0 ? args[0] : "http://localhost:8000";
var rate = args.Length > 1 ? int.Parse(args[1]) : 200;
var seconds = args.Length > 2 ? int.Parse(args[2]) : 30;

using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
http.DefaultRequestHeaders.Authorization = new("Bearer", Environment.GetEnvironmentVariable("PRICING_TOKEN")
    ?? throw new InvalidOperationException("set PRICING_TOKEN to a bearer token (Pricing.Silo token create)"));
var skus = (await Post("{ anomalies(first: 200) { nodes { sku } } }"))["data"]!["anomalies"]!["nodes"]!.AsArray()
    .Select(n => n!["sku"]!.GetValue<string>()).Distinct().ToArray();
var queries = new (string Name, Func<int, string> Query)[]
{
    ("anomalies page (50 rows, reason filter)", i => $"{{ anomalies(first: 50, reason: {(i % 2 == 0 ? "PRICE_SPIKE" : "COMPETITOR_UNDERCUT")}) {{ totalCount nodes {{ id sku salesOrg customerId dt severity reasons marginPct priceChange7dPct compDeltaPct mlScore }} pageInfo {{ hasNextPage endCursor }} }} }}"),
    ("incidents page (50, open, most at stake first; every 3rd by reason)", i => $"{{ incidents(first: 50, status: OPEN{(i % 3 == 2 ? ", reason: NEGATIVE_MARGIN" : "")}) {{ totalCount nodes {{ id sku salesOrg customerId reason firstDt lastDt days ongoing maxSeverity impactReporting status assignee }} pageInfo {{ hasNextPage endCursor }} }} }}"),
    ("SKU detail (60 days, all series)", i => $"{{ skuDetail(sku: \"{skus[i % skus.Length]}\") {{ sku description series {{ salesOrg customerId points {{ dt netPrice unitCost marginPct compMinPrice reasons mlScore }} }} anomalies {{ id dt reasons severity }} }} }}"),
};

foreach (var (name, query) in queries)
{
    for (var i = 0; i < 50; i++) // warm up
        await Post(query(i));
    var latencies = new List<double>();
    var failures = 0;
    var tasks = new List<Task>();
    var clock = Stopwatch.StartNew();
    var total = rate * seconds;
    for (var i = 0; i < total; i++)
    {
        var due = TimeSpan.FromSeconds((double)i / rate);
        if (due > clock.Elapsed)
            await Task.Delay(due - clock.Elapsed);
        var n = i;
        tasks.Add(Task.Run(async () =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                var result = await Post(query(n));
                if (result["errors"] is not null)
                    Interlocked.Increment(ref failures);
            }
            catch (Exception)
            {
                Interlocked.Increment(ref failures);
            }
            lock (latencies)
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }));
    }
    await Task.WhenAll(tasks);
    var achieved = total / clock.Elapsed.TotalSeconds;
    latencies.Sort();
    double P(double q) => latencies[(int)Math.Ceiling(q * latencies.Count) - 1];
    Console.WriteLine($"{name}: {total} requests at {rate}/s for {seconds} s (achieved {achieved:0} req/s), {failures} failed; " +
                      $"p50 {P(0.50):0.0} ms, p99 {P(0.99):0.0} ms, max {latencies[^1]:0.0} ms");
}

async Task<JsonNode> Post(string query)
{
    using var response = await http.PostAsJsonAsync("/graphql", new { query });
    return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
}
