using Microsoft.Extensions.Configuration;
using Orleans.Configuration;

namespace Pricing.Grains;

/// <summary>Which cluster a silo or client belongs to: <c>Orleans:ClusterId</c> and <c>Orleans:ServiceId</c>, the same on all of them.</summary>
public static class ClusterIdentity
{
    public const string Default = "pricing-grid";

    /// <summary>MySqlConnector's ADO.NET invariant name, as Orleans' ADO.NET providers know it.</summary>
    public const string MySqlInvariant = "MySql.Data.MySqlConnector";

    public static void Read(ClusterOptions options, IConfiguration orleans)
    {
        options.ClusterId = orleans["ClusterId"] ?? Default;
        options.ServiceId = orleans["ServiceId"] ?? Default;
    }
}
