using Pricing.Model;

namespace Pricing.Incidents;

/// <summary>
/// An episode to store: under a kept id (null: a new incident), reopened with a reason or not, and what of it
/// subscriptions are told about (null: nothing, it only grew or shrank; docs/operators.md, Alerts).
/// </summary>
public sealed record IncidentWrite(Episode Episode, long? Id, string? ReopenedBecause, AlertChange? Notable);

/// <summary>
/// The incident changes of one series once its episodes in a window are derived again: what to write, and what to do
/// with the incidents that lost their rows: withdrawn (kept with 0 days) when analysts worked on them, so their
/// status and comments come back with the rows, deleted otherwise. Unchanged incidents are not written.
/// </summary>
public sealed record IncidentPlan(List<IncidentWrite> Writes, List<long> Withdrawn, List<long> Deleted)
{
    /// <param name="known">The series' incidents that overlap the window (every live one lies inside it).</param>
    /// <param name="episodes">The series' episodes from its anomaly rows in the window.</param>
    public static IncidentPlan For(IReadOnlyList<KnownIncident> known, IReadOnlyList<Episode> episodes)
    {
        var (kept, gone) = IncidentIds.Match(known, episodes);
        var byId = known.ToDictionary(k => k.Id);
        var writes = new List<IncidentWrite>();
        foreach (var episode in episodes)
        {
            if (!kept.TryGetValue(episode, out var id))
                writes.Add(new IncidentWrite(episode, null, null, AlertChange.New));
            else if (byId[id] is var incident && incident.Episode != episode)
            {
                var reopened = IncidentRules.ReopenReason(incident, episode);
                var notable = reopened is not null ? AlertChange.Reopened
                    : episode.MaxSeverity > incident.Episode.MaxSeverity ? AlertChange.Escalated : (AlertChange?)null;
                writes.Add(new IncidentWrite(episode, id, reopened, notable));
            }
        }
        var lost = gone.Where(g => !g.Withdrawn).ToList();
        return new IncidentPlan(writes, [.. lost.Where(g => g.HasWork).Select(g => g.Id)], [.. lost.Where(g => !g.HasWork).Select(g => g.Id)]);
    }
}
