namespace Pricing.Model;

/// <summary>Where an analyst is with an incident (docs/analysts.md, Incidents).</summary>
public enum IncidentStatus { Open, Acknowledged, Resolved, Dismissed }

/// <summary>
/// One problem an analyst handles: the anomaly rows of one series and one reason whose dates follow each other at most
/// <c>Pricing:Incidents:GapDays</c> apart (docs/architecture.md, Incidents). <see cref="Days"/> is 0 for an incident
/// that lost its rows but keeps its analysts' work, should its rows come back; queries never list those.
/// <see cref="Ongoing"/> is set by queries: its last day is the series' newest.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record Incident(
    [property: Id(0)] long Id,
    [property: Id(1)] string Sku,
    [property: Id(2)] string SalesOrg,
    [property: Id(3)] string CustomerId,
    [property: Id(4)] AnomalyReasons Reason,
    [property: Id(5)] DateOnly FirstDt,
    [property: Id(6)] DateOnly LastDt,
    [property: Id(7)] int Days,
    [property: Id(8)] Severity MaxSeverity,
    [property: Id(9)] double Impact,
    [property: Id(10)] double? ImpactReporting,
    [property: Id(11)] IncidentStatus Status,
    [property: Id(12)] string? Assignee,
    [property: Id(13)] bool Ongoing = false);

public enum IncidentEventKind { Status, Assignee, Comment, Reopened, Snoozed }

/// <summary>One change of an incident: who (the pipeline for a reopening), when, from what to what, and the note.</summary>
[GenerateSerializer, Immutable]
public sealed record IncidentEvent(
    [property: Id(0)] long Id,
    [property: Id(1)] long IncidentId,
    [property: Id(2)] DateTime At,
    [property: Id(3)] string Actor,
    [property: Id(4)] IncidentEventKind Kind,
    [property: Id(5)] string? From,
    [property: Id(6)] string? To,
    [property: Id(7)] string? Text);

/// <summary>An incident with its comments and history, oldest first.</summary>
[GenerateSerializer, Immutable]
public sealed record IncidentDetail([property: Id(0)] Incident Incident, [property: Id(1)] List<IncidentEvent> History);

/// <summary>Which incidents an analyst wants (every field optional; all given ones must hold).</summary>
[GenerateSerializer, Immutable]
public sealed record IncidentFilter
{
    [Id(0)] public IncidentStatus? Status { get; init; }
    [Id(1)] public AnomalyReasons? Reason { get; init; }
    [Id(2)] public string? Sku { get; init; }
    [Id(3)] public string? SkuPrefix { get; init; }
    [Id(4)] public string? SalesOrg { get; init; }
    [Id(5)] public string? CustomerId { get; init; }
    [Id(6)] public string? MaterialGroup { get; init; }
    [Id(7)] public Severity? MinSeverity { get; init; }

    /// <summary>In the reporting currency.</summary>
    [Id(8)] public double? MinImpact { get; init; }
    [Id(9)] public bool? Ongoing { get; init; }

    /// <summary>Incidents with a day in [DtFrom, DtTo].</summary>
    [Id(10)] public DateOnly? DtFrom { get; init; }
    [Id(11)] public DateOnly? DtTo { get; init; }
    [Id(12)] public string? Assignee { get; init; }
}

/// <summary>Orders of the incident list; ties go to the lower id.</summary>
public enum IncidentOrder { ImpactDesc, SeverityDesc, Newest }

/// <summary>Where a page ends: the last incident's value of the order's column and its id.</summary>
[GenerateSerializer, Immutable]
public sealed record IncidentPosition([property: Id(0)] double SortValue, [property: Id(1)] long Id);

[GenerateSerializer, Immutable]
public sealed record IncidentPage([property: Id(0)] List<Incident> Nodes, [property: Id(1)] long TotalCount, [property: Id(2)] bool HasNextPage);

public enum ImpactGroupBy { MaterialGroup, SalesOrg, Reason }

/// <summary>
/// One group's incidents not dismissed with a day in the period, and the money at stake on their rows in it (reporting
/// currency): by reason the incidents' sums, otherwise each anomaly row once.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ImpactGroup([property: Id(0)] string Key, [property: Id(1)] long Incidents, [property: Id(2)] long OpenIncidents, [property: Id(3)] double ImpactReporting);

public static class IncidentOrders
{
    /// <summary>An incident's value of the order's column, which a page's cursor carries.</summary>
    public static double SortValue(this IncidentOrder order, Incident incident) => order switch
    {
        IncidentOrder.ImpactDesc => incident.ImpactReporting ?? 0,
        IncidentOrder.SeverityDesc => (int)incident.MaxSeverity,
        _ => incident.LastDt.DayNumber,
    };
}

public static class IncidentStatuses
{
    public static string Name(this IncidentStatus status) => status.ToString().ToUpperInvariant();

    public static IncidentStatus? Parse(string? name) =>
        Enum.GetValues<IncidentStatus>().Cast<IncidentStatus?>().FirstOrDefault(s => s!.Value.Name() == name);
}
