namespace Pricing.Alerts;

/// <summary>How alerts are made and sent (<c>Pricing:Alerts:*</c>, <c>Pricing:Smtp:*</c>; docs/operators.md, Alerts).</summary>
public sealed record AlertOptions
{
    /// <summary>The most incidents a digest lists; it counts and sums the rest.</summary>
    public int DigestSize { get; init; } = 10;

    /// <summary>Tries of one delivery before it is given up and its subscription marked failing.</summary>
    public int MaxAttempts { get; init; } = 6;

    /// <summary>The first retry's wait; each next one waits twice as long, at most an hour.</summary>
    public TimeSpan FirstRetry { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a sender holds a delivery it is trying; one that dies meanwhile leaves it to the next after that.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Where the UI is, for the link to each incident.</summary>
    public string LinkBase { get; init; } = "http://localhost:8000";

    public string ReportingCurrency { get; init; } = "EUR";

    public SmtpOptions Smtp { get; init; } = new();

    public string IncidentLink(long id) => $"{LinkBase.TrimEnd('/')}/?incident={id}";

    /// <summary>When a delivery that failed its <paramref name="attempts"/>-th try is tried again.</summary>
    public TimeSpan RetryAfter(int attempts) =>
        TimeSpan.FromTicks(Math.Min(TimeSpan.FromHours(1).Ticks, FirstRetry.Ticks << Math.Min(Math.Max(attempts - 1, 0), 20)));
}

/// <summary>The mail server email subscriptions send through; no host means email alerts fail with a clear error.</summary>
public sealed record SmtpOptions
{
    public string? Host { get; init; }
    public int Port { get; init; } = 587;
    public string? User { get; init; }

    /// <summary>From configuration or the environment (Pricing__Smtp__Password); never logged or served.</summary>
    public string? Password { get; init; }

    public string From { get; init; } = "pricing-grid@localhost";

    /// <summary>StartTls when the server offers it (the default), Tls from the first byte, or None.</summary>
    public string Security { get; init; } = "Auto";

    public override string ToString() => $"{Host}:{Port} as {User ?? "(anonymous)"} from {From}"; // no password in logs
}
