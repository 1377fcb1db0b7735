using Pricing.Model;

namespace Pricing.Grains;

/// <summary>
/// What analysts change on one incident, keyed by its id, so that changes to one incident happen one at a time. Each
/// returns the incident with its history, or null when there is no such incident.
/// </summary>
public interface IIncidentGrain : IGrainWithIntegerKey
{
    /// <summary>A dismissal needs a note: it is the label that says the incident was a false positive.</summary>
    ValueTask<IncidentDetail?> SetStatus(IncidentStatus status, string? note, Caller caller);

    /// <summary>Null or empty: to nobody.</summary>
    ValueTask<IncidentDetail?> Assign(string? assignee, Caller caller);

    ValueTask<IncidentDetail?> Comment(string text, Caller caller);

    /// <summary>No alerts about the incident until <paramref name="until"/> (null: from now on again).</summary>
    ValueTask<IncidentDetail?> Snooze(DateTime? until, Caller caller);
}
