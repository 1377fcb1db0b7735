using Pricing.Model;

namespace Pricing.Scoring;

/// <summary>
/// Precision of a reason by the analysts' labels on its incidents (docs/analysts.md, Feedback): ACKNOWLEDGED and
/// RESOLVED confirm a problem, DISMISSED calls it a false positive; OPEN ones are not labelled yet.
/// </summary>
public sealed record FeedbackScore(string Reason, long Confirmed, long Dismissed)
{
    public double? Precision => Confirmed + Dismissed == 0 ? null : (double)Confirmed / (Confirmed + Dismissed);

    /// <summary>One score per reason, in contract order, from incident counts by reason and status.</summary>
    public static List<FeedbackScore> Of(IEnumerable<(AnomalyReasons Reason, IncidentStatus Status, long Count)> labels)
    {
        var counts = labels.ToList();
        long Sum(AnomalyReasons reason, Func<IncidentStatus, bool> status) => counts.Where(c => c.Reason == reason && status(c.Status)).Sum(c => c.Count);
        return [.. ReasonNames.All.Select(r => new FeedbackScore(r.Name,
            Sum(r.Reason, s => s is IncidentStatus.Acknowledged or IncidentStatus.Resolved), Sum(r.Reason, s => s == IncidentStatus.Dismissed)))];
    }
}
