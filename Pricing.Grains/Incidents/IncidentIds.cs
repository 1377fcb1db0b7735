using Pricing.Model;

namespace Pricing.Incidents;

/// <summary>
/// An incident as stored: its episode when it was last derived (0 days once its rows went), where analysts are with
/// it, and whether they worked on it (a status, an assignee or a comment), which keeps it when its rows go.
/// </summary>
public readonly record struct KnownIncident(long Id, Episode Episode, IncidentStatus Status = IncidentStatus.Open, bool HasWork = false)
{
    public bool Withdrawn => Episode.Days == 0;
}

/// <summary>
/// Keeps incident ids stable while episodes change: an episode keeps the id of the known incident (same reason) it
/// overlaps most, each id going to one episode at most, largest overlaps first, ties to the earlier incident. An
/// episode that overlaps none, or whose overlapping incidents all went to larger overlaps, is new (null); a known
/// incident no episode took has lost its rows (a correction removed them, or its episode merged into another's).
/// </summary>
public static class IncidentIds
{
    public static (Dictionary<Episode, long> Kept, List<KnownIncident> Gone) Match(IReadOnlyList<KnownIncident> known, IReadOnlyList<Episode> episodes)
    {
        var pairs = new List<(int Overlap, KnownIncident Incident, Episode Episode)>();
        foreach (var incident in known)
            foreach (var episode in episodes)
                if (episode.Reason == incident.Episode.Reason && episode.Overlap(incident.Episode.FirstDt, incident.Episode.LastDt) is > 0 and var overlap)
                    pairs.Add((overlap, incident, episode));
        var kept = new Dictionary<Episode, long>();
        var taken = new HashSet<long>();
        foreach (var (_, incident, episode) in pairs.OrderByDescending(p => p.Overlap).ThenBy(p => p.Incident.Episode.FirstDt).ThenBy(p => p.Incident.Id))
            if (!kept.ContainsKey(episode) && taken.Add(incident.Id))
                kept[episode] = incident.Id;
        return (kept, [.. known.Where(k => !taken.Contains(k.Id))]);
    }
}
