using System.Data.Common;
using Pricing.Model;

namespace Pricing.Hosting;

/// <summary>Turns database driver exceptions into <see cref="PricingException"/> so callers in other silos see the message.</summary>
internal sealed class DatabaseErrorFilter : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (DbException e)
        {
            throw new PricingException($"{e.GetType().Name}: {e.Message}");
        }
    }
}
