using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Pricing.Gateway.Tests.Infrastructure;

/// <summary>
/// <c>./scripts/start.sh</c> as a user runs it, on its own port, Orleans ports and data directory, until its first
/// run has succeeded (seen as the admin of the first start, signed in with the password it wrote): the platform the
/// documents' commands are written against.
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

        using var http = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = new Uri($"http://127.0.0.1:{Port}") };
        var signedIn = false;
        var deadline = DateTime.UtcNow.AddMinutes(8); // includes the Release build of a fresh clone
        while (true)
        {
            if (_platform.HasExited)
                throw new InvalidOperationException($"start.sh exited with {_platform.ExitCode}:\n{Output}");
            try
            {
                signedIn = signedIn || (await SignInAsync(http)).IsSuccessStatusCode;
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

    /// <summary>The users the first start made, by name: (role, password), as <c>data/initial-passwords.txt</c> lists them.</summary>
    public Dictionary<string, (string Role, string Password)> InitialUsers =>
        File.ReadAllLines(Path.Combine(DataDirectory, "initial-passwords.txt")).Select(l => l.Split('\t')).ToDictionary(f => f[0], f => (f[1], f[2]));

    private async Task<HttpResponseMessage> SignInAsync(HttpClient http) =>
        File.Exists(Path.Combine(DataDirectory, "initial-passwords.txt"))
            ? await http.PostAsJsonAsync("/api/auth/sign-in", new { name = "admin", password = InitialUsers["admin"].Password })
            : new HttpResponseMessage(System.Net.HttpStatusCode.Unauthorized);

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
