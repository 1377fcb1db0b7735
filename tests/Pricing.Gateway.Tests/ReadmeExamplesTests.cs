using System.Diagnostics;
using System.Text.Json.Nodes;
using Pricing.Gateway.Tests.Infrastructure;

namespace Pricing.Gateway.Tests;

/// <summary>
/// The README's promise, kept by running it: <c>./scripts/start.sh</c> brings up the platform with demo data, and
/// every curl line of the README's example block works against it (on its own port and data directory).
/// </summary>
public sealed class ReadmeExamplesTests : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("pricing-readme-").FullName;
    private readonly int _port = GatewayHost.FreePort();
    private Process? _platform;
    private readonly List<string> _output = [];

    private static string RepositoryRoot
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Pricing.sln")))
                directory = directory.Parent;
            return directory?.FullName ?? throw new InvalidOperationException("not inside the repository");
        }
    }

    public async Task InitializeAsync()
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = RepositoryRoot, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[]
                 {
                     "scripts/start.sh", $"--urls=http://127.0.0.1:{_port}", $"--ConnectionStrings:Source=Data Source={_data}/source.db",
                     $"--ConnectionStrings:Analytics=Data Source={_data}/analytics.db", $"--Orleans:SiloPort={GatewayHost.FreePort()}", $"--Orleans:GatewayPort={GatewayHost.FreePort()}",
                 })
            start.ArgumentList.Add(arg);
        _platform = Process.Start(start)!;
        _platform.OutputDataReceived += (_, e) => { lock (_output) _output.Add(e.Data ?? ""); };
        _platform.ErrorDataReceived += (_, e) => { lock (_output) _output.Add(e.Data ?? ""); };
        _platform.BeginOutputReadLine();
        _platform.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_port}") };
        var deadline = DateTime.UtcNow.AddMinutes(8); // includes the Release build of a fresh clone
        while (true)
        {
            if (_platform.HasExited)
                throw new InvalidOperationException($"start.sh exited with {_platform.ExitCode}:\n{string.Join('\n', _output)}");
            try
            {
                var job = JsonNode.Parse(await http.GetStringAsync("/api/jobs/latest/"));
                if (job?["status"]?.GetValue<string>() == "SUCCEEDED")
                    return;
            }
            catch (HttpRequestException)
            {
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"the platform did not finish its first run:\n{string.Join('\n', _output.TakeLast(40))}");
            await Task.Delay(500);
        }
    }

    public Task DisposeAsync()
    {
        if (_platform is { HasExited: false })
            _platform.Kill(entireProcessTree: true);
        _platform?.WaitForExit(10_000);
        Directory.Delete(_data, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Every_curl_example_of_the_readme_works()
    {
        var readme = await File.ReadAllLinesAsync(Path.Combine(RepositoryRoot, "README.md"));
        var block = readme.SkipWhile(l => !l.StartsWith("<!-- curl-examples", StringComparison.Ordinal)).TakeWhile(l => l != "<!-- /curl-examples -->");
        var examples = block.Where(l => l.StartsWith("curl ", StringComparison.Ordinal)).ToList();
        Assert.True(examples.Count >= 8, $"found only {examples.Count} examples in the README");

        foreach (var example in examples)
        {
            var command = example.Replace("localhost:8000", $"127.0.0.1:{_port}");
            var run = new ProcessStartInfo("bash", ["-c", command]) { WorkingDirectory = _data, RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(run)!;
            var stdout = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"{example}\nexit {process.ExitCode}: {await process.StandardError.ReadToEndAsync()}");
            if (!example.Contains(" -o "))
            {
                var json = JsonNode.Parse(stdout);
                Assert.True(json is JsonArray || (json is JsonObject o && o["errors"] is null), $"{example}\n{stdout}");
            }
        }
        var workbook = await File.ReadAllBytesAsync(Path.Combine(_data, "anomalies.xlsx"));
        Assert.Equal("PK"u8.ToArray(), workbook[..2]); // a zip, as every .xlsx
    }
}
