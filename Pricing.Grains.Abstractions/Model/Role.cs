namespace Pricing.Model;

/// <summary>
/// What a user may do, each role including the ones below it (docs/api.md, Sign-in and roles): VIEWER reads
/// everything, ANALYST also works incidents and exports, PRICING_MANAGER also starts runs, recomputes and
/// retrains and sets thresholds, ADMIN also manages users, tokens and the audit log.
/// </summary>
public enum Role { Viewer = 1, Analyst = 2, PricingManager = 3, Admin = 4 }

public static class Roles
{
    public static string Name(this Role role) => role switch
    {
        Role.PricingManager => "PRICING_MANAGER",
        _ => role.ToString().ToUpperInvariant(),
    };

    public static IEnumerable<string> Names => Enum.GetValues<Role>().Select(Name);

    /// <summary>The role of this exact name, or null.</summary>
    public static Role? Parse(string? name) => Enum.GetValues<Role>().Cast<Role?>().FirstOrDefault(r => r!.Value.Name() == name);

    public static bool Includes(this Role role, Role needed) => role >= needed;
}
