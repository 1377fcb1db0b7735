using System.Data.Common;
using Pricing.Model;

namespace Pricing.Hosting;

/// <summary>
/// Turns database driver exceptions into <see cref="PricingException"/> so callers in other silos see the message.
/// Drivers' exceptions have no Orleans codec, also when they arrive wrapped (grain storage wraps them), and a caller
/// would otherwise get "Could not find a codec" instead of the database's words.
/// </summary>
internal sealed class DatabaseErrorFilter : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception e) when (e is not PricingException && Chain(e).Any(x => x is DbException))
        {
            throw new PricingException(string.Join(" <- ", Chain(e).Select(x => $"{x.GetType().Name}: {x.Message}")));
        }
    }

    private static IEnumerable<Exception> Chain(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
            yield return x;
    }
}
