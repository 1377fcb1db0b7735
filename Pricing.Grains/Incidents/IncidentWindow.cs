namespace Pricing.Incidents;

/// <summary>
/// The days of a series whose episodes a change can alter: the changed days, widened by every live incident that
/// reaches within GapDays of them, again and again, so that no incident crosses the window's edges and the GapDays
/// before and after it hold no anomaly row. Deriving the episodes of the window alone then gives the same incidents
/// as deriving the whole series, reading only the rows near what changed (docs/architecture.md, Incidents).
/// </summary>
public static class IncidentWindow
{
    public static (DateOnly From, DateOnly To) Of(DateOnly changedFrom, DateOnly changedTo, IReadOnlyList<KnownIncident> seriesIncidents, int gapDays)
    {
        var (from, to) = (changedFrom.DayNumber, changedTo.DayNumber);
        for (var widened = true; widened;)
        {
            widened = false;
            foreach (var incident in seriesIncidents)
            {
                var (first, last) = (incident.Episode.FirstDt.DayNumber, incident.Episode.LastDt.DayNumber);
                if (incident.Withdrawn || last < from - gapDays || first > to + gapDays || (first >= from && last <= to))
                    continue;
                (from, to, widened) = (Math.Min(from, first), Math.Max(to, last), true);
            }
        }
        return (DateOnly.FromDayNumber(from), DateOnly.FromDayNumber(to));
    }
}
