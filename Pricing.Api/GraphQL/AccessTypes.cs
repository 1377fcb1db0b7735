using System.Globalization;
using GraphQL.Types;
using Pricing.Model;

namespace Pricing.Gateway.GraphQL;

/// <summary>Who is asking: <c>me</c>.</summary>
public sealed class CallerType : ObjectGraphType<Caller>
{
    public CallerType()
    {
        Name = "Caller";
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<StringGraphType>>("role").Description("VIEWER, ANALYST, PRICING_MANAGER or ADMIN").Resolve(c => c.Source.Role.Name());
    }
}

/// <summary>A page of the audit log, newest first, and where the next page starts.</summary>
public sealed record AuditLogPage(List<AuditEntry> Nodes, bool HasNextPage)
{
    public string? EndCursor => Nodes.Count == 0 ? null : Nodes[^1].Id.ToString(CultureInfo.InvariantCulture);
}

public sealed class AuditLogConnectionType : ObjectGraphType<AuditLogPage>
{
    public AuditLogConnectionType()
    {
        Name = "AuditLogConnection";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AuditEntryType>>>>("nodes").Resolve(c => c.Source.Nodes);
        Field<NonNullGraphType<AuditLogPageInfoType>>("pageInfo").Resolve(c => c.Source);
    }
}

public sealed class AuditLogPageInfoType : ObjectGraphType<AuditLogPage>
{
    public AuditLogPageInfoType()
    {
        Name = "AuditLogPageInfo";
        Field<NonNullGraphType<BooleanGraphType>>("hasNextPage").Resolve(c => c.Source.HasNextPage);
        Field<StringGraphType>("endCursor").Description("pass as after for the entries before these").Resolve(c => c.Source.EndCursor);
    }
}

public sealed class AuditEntryType : ObjectGraphType<AuditEntry>
{
    public AuditEntryType()
    {
        Name = "AuditEntry";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id.ToString(CultureInfo.InvariantCulture));
        Field<NonNullGraphType<StringGraphType>>("at").Resolve(c => JobRunType.Iso(c.Source.At));
        Field<NonNullGraphType<StringGraphType>>("userName").Description("who: a user, or cli:NAME for the silo's command line").Resolve(c => c.Source.UserName);
        Field<NonNullGraphType<StringGraphType>>("action").Description("RUN_STARTED, RECOMPUTE_STARTED, MODEL_RETRAINED, THRESHOLDS_CHANGED, USER_SAVED, TOKEN_CREATED, TOKEN_REVOKED, SIGN_IN_LOCKED").Resolve(c => c.Source.Action);
        Field<NonNullGraphType<StringGraphType>>("subject").Description("what, in words").Resolve(c => c.Source.Subject);
    }
}
