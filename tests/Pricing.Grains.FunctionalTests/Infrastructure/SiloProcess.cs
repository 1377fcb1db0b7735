using System.Diagnostics;

namespace Pricing.Tests.Infrastructure;

/// <summary>Runs the real Pricing.Silo binary, as an operator would, and captures what it prints.</summary>
public static class SiloProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Task<Result> RunAsync(string workingDirectory, params string[] args) => RunAsync(workingDirectory, null, args);

    /// <summary>The same, with <paramref name="input"/> on its standard input (a password, say).</summary>
    public static Task<Result> RunWithInputAsync(string workingDirectory, string input, params string[] args) => RunAsync(workingDirectory, input, args);

    private static async Task<Result> RunAsync(string workingDirectory, string? input, string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = input is not null,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Pricing.Silo.dll"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        using var process = Process.Start(start)!;
        if (input is not null)
        {
            await process.StandardInput.WriteLineAsync(input);
            process.StandardInput.Close();
        }
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
