using Microsoft.Extensions.Logging;

namespace Pricing.Warmup;

/// <summary>What the warm-up logs, source-generated (one line per SKU at Debug costs nothing when off); event ids 1100-1199.</summary>
internal static partial class WarmupLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Woke {Count} of {Total} SKU grains {Which} in {Seconds} s")]
    public static partial void Woke(this ILogger logger, int count, int total, string which, double seconds);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Rehearsed the next night on {Count} SKUs ({Rows} feature rows, nothing written) in {Seconds} s")]
    public static partial void Rehearsed(this ILogger logger, int count, int rows, double seconds);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Waking the SKU grains of the last day or rehearsing the night failed; only the next night is slower")]
    public static partial void WarmupFailed(this ILogger logger, Exception error);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Debug, Message = "SKU grain {Sku} could not be woken")]
    public static partial void NotWoken(this ILogger logger, Exception error, string sku);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Information, Message = "Read {Rows} feature rows at the ends of {Series} series into the writer's cache for the next night in {Seconds} s")]
    public static partial void TailsRead(this ILogger logger, long rows, int series, double seconds);
}
