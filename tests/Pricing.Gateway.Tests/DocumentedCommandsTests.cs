using System.Diagnostics;
using System.Text.Json.Nodes;
using Pricing.Gateway.Tests.Infrastructure;

namespace Pricing.Gateway.Tests;

/// <summary>
/// The documents' promise, kept by running them: every command of a block marked <c>&lt;!-- runnable --&gt;</c> in
/// the README and the guides works, as written, against the platform <c>./scripts/start.sh</c> started (its port
/// and data directory put in place of the defaults).
/// </summary>
public sealed partial class DocumentedCommandsTests(StartedPlatform platform) : IClassFixture<StartedPlatform>
{
    public static TheoryData<string, int> Documents => new()
    {
        { "README.md", 8 },
        { "docs/api.md", 10 },
        { "docs/analysts.md", 2 },
        { "docs/operators.md", 3 },
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task Every_runnable_command_of_the_document_works(string document, int atLeast)
    {
        var commands = RunnableCommands(await File.ReadAllLinesAsync(Path.Combine(StartedPlatform.RepositoryRoot, document)));
        Assert.True(commands.Count >= atLeast, $"found only {commands.Count} runnable commands in {document}");

        var environment = new Dictionary<string, string>();
        foreach (var command in commands)
        {
            // export NAME=$(…) keeps its value for the commands after it, as in the reader's shell
            var exported = Exported().Match(command) is { Success: true } m ? m.Groups[1].Value : null;
            var (exit, stdout, stderr) = await RunAsync(ForThisPlatform(command) + (exported is null ? "" : $" && printf %s \"${exported}\""), environment);
            Assert.True(exit == 0, $"{document}: {command}\nexit {exit}: {stderr}\n{platform.Output}");
            if (exported is not null)
            {
                Assert.False(string.IsNullOrWhiteSpace(stdout), $"{document}: {command} set {exported} to nothing\n{stderr}");
                environment[exported] = stdout;
            }
            if (command.StartsWith("curl ", StringComparison.Ordinal) && !command.Contains(" -o "))
            {
                var json = JsonNode.Parse(stdout);
                Assert.True(json is JsonArray || (json is JsonObject o && o["errors"] is null), $"{document}: {command}\n{stdout}");
            }
            foreach (var file in OutputFiles(command))
                Assert.Equal("PK"u8.ToArray(), (await File.ReadAllBytesAsync(Path.Combine(platform.DataDirectory, file)))[..2]); // a zip, as every .xlsx
        }
    }

    /// <summary>The commands of every block between <c>&lt;!-- runnable</c> and <c>&lt;!-- /runnable --&gt;</c>, comments cut off.</summary>
    private static List<string> RunnableCommands(IEnumerable<string> lines)
    {
        var commands = new List<string>();
        var inside = false;
        foreach (var line in lines)
        {
            if (line.StartsWith("<!-- runnable", StringComparison.Ordinal))
                inside = true;
            else if (line.StartsWith("<!-- /runnable", StringComparison.Ordinal))
                inside = false;
            else if (inside && (line.StartsWith("curl ", StringComparison.Ordinal) || line.StartsWith("dotnet ", StringComparison.Ordinal)
                                || line.StartsWith("export ", StringComparison.Ordinal)))
                commands.Add(line);
        }
        return commands;
    }

    private string ForThisPlatform(string command)
    {
        if (command.StartsWith("curl ", StringComparison.Ordinal))
            return command.Replace("localhost:8000", $"127.0.0.1:{platform.Port}");
        // a Pricing.Silo verb: the repository's project, and this platform's databases and Orleans gateway after the
        // verb's own arguments (before a pipe into the next command)
        var comment = command.IndexOf("  #", StringComparison.Ordinal);
        var verb = (comment < 0 ? command : command[..comment].TrimEnd()).Replace("--project Pricing.Silo", $"--project {StartedPlatform.RepositoryRoot}/Pricing.Silo");
        var end = verb.IndexOf(" | ", StringComparison.Ordinal) is var pipe and >= 0 ? pipe : verb.Length;
        return verb[..end] + string.Concat(platform.Configuration.Select(c => $" '{c}'")) + verb[end..];
    }

    private static IEnumerable<string> OutputFiles(string command)
    {
        var words = command.Split(' ');
        for (var i = 0; i < words.Length - 1; i++)
            if (words[i] == "-o")
                yield return words[i + 1];
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^export ([A-Z_]+)=")]
    private static partial System.Text.RegularExpressions.Regex Exported();

    private async Task<(int Exit, string Stdout, string Stderr)> RunAsync(string command, Dictionary<string, string> environment)
    {
        var run = new ProcessStartInfo("bash", ["-c", command]) { WorkingDirectory = platform.DataDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment)
            run.Environment[name] = value;
        using var process = Process.Start(run)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }
}
