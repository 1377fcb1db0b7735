using Pricing.Model;

namespace Pricing.Incidents;

/// <summary>
/// What a run's new rows do to an incident analysts have closed (docs/analysts.md, Incidents): a RESOLVED one with rows
/// after its last day (the problem came back within GapDays, or it would be a new incident) reopens; a DISMISSED one
/// stays dismissed, a false positive, unless its severity rises.
/// </summary>
public static class IncidentRules
{
    /// <summary>Why the incident reopens with <paramref name="now"/> as its episode, or null when its status stands.</summary>
    public static string? ReopenReason(KnownIncident incident, Episode now) => incident.Status switch
    {
        IncidentStatus.Resolved when now.LastDt > incident.Episode.LastDt => $"new rows up to {now.LastDt:yyyy-MM-dd} after it was resolved",
        IncidentStatus.Dismissed when now.MaxSeverity > incident.Episode.MaxSeverity => $"severity rose to {now.MaxSeverity.Name()}",
        _ => null,
    };
}
