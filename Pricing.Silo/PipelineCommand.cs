using Microsoft.Extensions.DependencyInjection;
using Pricing.Grains;
using Pricing.Model;
using Pricing.Pipeline;

namespace Pricing.Silo;

/// <summary><c>Pricing.Silo pipeline</c>: a run or a recompute from a shell or a scheduler, followed until it ends (the UI and API start them too).</summary>
internal static class PipelineCommand
{
    /// <summary>Whoever runs the CLI on a server: named after their operating-system user in triggers and the audit log.</summary>
    public static readonly Caller CliCaller = new($"cli:{Environment.UserName}", Role.Admin);

    public static async Task<int> RunAsync(IServiceProvider services, bool full, string[] skus)
    {
        var grains = services.GetRequiredService<IClusterClient>();
        var pipeline = grains.GetGrain<IPipelineGrain>(PipelineCatalog.Default);
        var mode = full ? JobMode.Full : JobMode.Incremental;
        var job = skus.Length > 0
            ? await grains.StartAuditedAsync(CliCaller, AuditActions.RecomputeStarted, p => p.RecomputeSkus(skus, CliCaller.Name),
                j => $"run {j.Id} recomputes {string.Join(", ", skus)}")
            : await grains.StartAuditedAsync(CliCaller, AuditActions.RunStarted, p => p.Start(mode, JobKind.Manual, CliCaller.Name), j => $"run {j.Id} ({mode.Name()})");
        Console.WriteLine($"job {job.Id} ({job.Kind}, {job.Mode}) {job.Status}");
        var lostContact = 0;
        var lastLine = "";
        while (job.Status is JobStatus.Queued or JobStatus.Running)
        {
            await Task.Delay(250);
            try
            {
                job = await pipeline.Job(job.Id) ?? throw new InvalidOperationException($"job {job.Id} disappeared");
            }
            catch (Exception e) when (e is not InvalidOperationException && ++lostContact <= 60)
            {
                // a silo went away (the run itself resumes on another one): keep asking
                Console.WriteLine($"  lost contact with the cluster ({e.GetType().Name}); asking again");
                continue;
            }
            var line = $"  {job.Stage}: {job.SkusDone:N0}/{job.SkusTotal:N0} SKUs, {job.RowsRead:N0} rows read, {job.FeatureRowsWritten:N0} feature rows written";
            if (line != lastLine)
                Console.WriteLine(lastLine = line);
        }
        if (job.FinishedAt - job.StartedAt is { } took)
            Console.WriteLine($"job {job.Id} {job.Status} in {took.TotalSeconds:0.00} s; per stage, summed over batches: {job.Seconds}");
        if (job.Error is not null)
            Console.Error.WriteLine($"job {job.Id} failed: {job.Error}");
        return job.Status == JobStatus.Succeeded ? 0 : 1;
    }
}
