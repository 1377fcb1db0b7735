using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Pricing.Gateway.Tests.Infrastructure;

/// <summary>
/// <c>./scripts/start.sh</c> as a user runs it, on its own port, Orleans ports and data directory, until its first
/// run has succeeded: the platform the documents' commands are written against.
/// </summary>
public sealed class StartedPlatform : IAsyncLifetime
{
    private Process? _platform;
    private readonly List<string> _output = [];

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("pricing-docs-").FullName;
    public int Port { get; } = GatewayHost.FreePort();
    public int OrleansGatewayPort { get; } = GatewayHost.FreePort();

    /// <summary>What a <c>Pricing.Silo</c> verb needs to reach this platform rather than one on the default ports.</summary>
    public string[] Configuration =>
    [
        $"--ConnectionStrings:Source=Data Source={DataDirectory}/source.db", $"--ConnectionStrings:Analytics=Data Source={DataDirectory}/analytics.db",
        $"--Orleans:GatewayPort={OrleansGatewayPort}",
    ];

    public static string RepositoryRoot
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
        foreach (var arg in (string[])["scripts/start.sh", $"--urls=http://127.0.0.1:{Port}", $"--Orleans:SiloPort={GatewayHost.FreePort()}", .. Configuration])
            start.ArgumentList.Add(arg);
        _platform = Process.Start(start)!;
        _platform.OutputDataReceived += (_, e) => { lock (_output) _output.Add(e.Data ?? ""); };
        _platform.ErrorDataReceived += (_, e) => { lock (_output) _output.Add(e.Data ?? ""); };
        _platform.BeginOutputReadLine();
        _platform.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}") };
        var deadline = DateTime.UtcNow.AddMinutes(8); // includes the Release build of a fresh clone
        while (true)
        {
            if (_platform.HasExited)
                throw new InvalidOperationException($"start.sh exited with {_platform.ExitCode}:\n{Output}");
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
                throw new TimeoutException($"the platform did not finish its first run:\n{Output}");
            await Task.Delay(500);
        }
    }

    public string Output
    {
        get
        {
            lock (_output)
                return string.Join('\n', _output.TakeLast(40));
        }
    }

    public Task DisposeAsync()
    {
        if (_platform is { HasExited: false })
            _platform.Kill(entireProcessTree: true);
        _platform?.WaitForExit(10_000);
        Directory.Delete(DataDirectory, recursive: true);
        return Task.CompletedTask;
    }
}
