namespace Pricing.Model;

/// <summary>
/// One line of the audit log (docs/api.md, Audit log): <see cref="UserName"/> did <see cref="Action"/> (one of
/// <see cref="AuditActions"/>) to <see cref="Subject"/> at <see cref="At"/>.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AuditEntry(
    [property: Id(0)] long Id,
    [property: Id(1)] DateTime At,
    [property: Id(2)] string UserName,
    [property: Id(3)] string Action,
    [property: Id(4)] string Subject);

/// <summary>The actions the audit log records, by the names it stores and the API shows.</summary>
public static class AuditActions
{
    public const string UserSaved = "USER_SAVED";
    public const string TokenCreated = "TOKEN_CREATED";
    public const string TokenRevoked = "TOKEN_REVOKED";
    public const string SignInLocked = "SIGN_IN_LOCKED";
    public const string RunStarted = "RUN_STARTED";
    public const string RecomputeStarted = "RECOMPUTE_STARTED";
    public const string ModelRetrained = "MODEL_RETRAINED";
    public const string ThresholdsChanged = "THRESHOLDS_CHANGED";
    public const string IncidentStatusSet = "INCIDENT_STATUS_SET";
    public const string IncidentAssigned = "INCIDENT_ASSIGNED";
    public const string IncidentCommented = "INCIDENT_COMMENTED";
    public const string IncidentSnoozed = "INCIDENT_SNOOZED";
    public const string AlertSubscriptionCreated = "ALERT_SUBSCRIPTION_CREATED";
    public const string AlertSubscriptionUpdated = "ALERT_SUBSCRIPTION_UPDATED";
    public const string AlertSubscriptionDeleted = "ALERT_SUBSCRIPTION_DELETED";
}
