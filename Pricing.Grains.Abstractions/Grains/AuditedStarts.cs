using Pricing.Model;

namespace Pricing.Grains;

/// <summary>
/// Starting a run or a recompute for a caller, as the API and the silo's CLI both do: while a run is going the
/// pipeline answers with that one, so only a run this call started goes into the audit log under the caller.
/// </summary>
public static class AuditedStarts
{
    public static async Task<JobRun> StartAuditedAsync(this IGrainFactory grains, Caller caller, string action,
        Func<IPipelineGrain, ValueTask<JobRun>> start, Func<JobRun, string> subject)
    {
        var pipeline = grains.GetGrain<IPipelineGrain>(PipelineCatalog.Default);
        var going = await pipeline.Current();
        var job = await start(pipeline);
        if (job.Id != going?.Id)
            await grains.GetGrain<IIdentityGrain>(0).Audit(caller, action, subject(job));
        return job;
    }
}
