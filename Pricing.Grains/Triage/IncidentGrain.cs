using Pricing.Grains;
using Pricing.Model;
using Pricing.Storage;

namespace Pricing.Triage;

/// <summary>
/// An analyst's changes to one incident, written with the caller as the actor of its history. Holds no state: the
/// incident lives in the analytics DB, where runs update what they derive beside these changes.
/// </summary>
public sealed class IncidentGrain(AnalyticsStore analytics) : Grain, IIncidentGrain
{
    private long Id => this.GetPrimaryKeyLong();

    public async ValueTask<IncidentDetail?> SetStatus(IncidentStatus status, string? note, Caller caller)
    {
        if (status == IncidentStatus.Dismissed && string.IsNullOrWhiteSpace(note))
            throw new ArgumentException("note: a dismissal needs a note saying why the incident is a false positive");
        return await analytics.Incidents.SetStatusAsync(Id, status, Trimmed(note), caller.Name) ? await analytics.Incidents.GetAsync(Id) : null;
    }

    public async ValueTask<IncidentDetail?> Assign(string? assignee, Caller caller) =>
        await analytics.Incidents.AssignAsync(Id, Trimmed(assignee), caller.Name) ? await analytics.Incidents.GetAsync(Id) : null;

    public async ValueTask<IncidentDetail?> Comment(string text, Caller caller)
    {
        if (Trimmed(text) is not { } comment)
            throw new ArgumentException("text: a comment cannot be empty");
        return await analytics.Incidents.CommentAsync(Id, comment, caller.Name) ? await analytics.Incidents.GetAsync(Id) : null;
    }

    public async ValueTask<IncidentDetail?> Snooze(DateTime? until, Caller caller) =>
        await analytics.Incidents.SnoozeAsync(Id, until?.ToUniversalTime(), caller.Name) ? await analytics.Incidents.GetAsync(Id) : null;

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
