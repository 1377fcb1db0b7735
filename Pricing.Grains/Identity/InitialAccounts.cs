using System.Security.Cryptography;
using Pricing.Model;
using Pricing.Storage;

namespace Pricing.Identity;

/// <summary>
/// The users the embedded default makes on its first start, when there are none (docs/operators.md, Users and
/// tokens): <c>admin</c>, and with demo data one demo user per other role, each with a random password that is
/// shown once and written to a file only its owner can read. Cluster mode makes none: its operator creates the
/// first admin with the CLI.
/// </summary>
public static class InitialAccounts
{
    public const string Actor = "first-start";

    public static readonly (string Name, Role Role)[] DemoUsers = [("viewer", Role.Viewer), ("analyst", Role.Analyst), ("manager", Role.PricingManager)];

    /// <summary>The users made and their passwords, or none when the grid has users already.</summary>
    public static async Task<List<(string Name, Role Role, string Password)>> CreateAsync(AnalyticsStore store, bool demoUsers, string passwordsFile, CancellationToken ct = default)
    {
        if ((await store.Users.ListUsersAsync(ct)).Count > 0)
            return [];
        var accounts = new Accounts(store.Users, store.Audit, TimeProvider.System);
        var made = new List<(string, Role, string)>();
        foreach (var (name, role) in demoUsers ? [("admin", Role.Admin), .. DemoUsers] : new[] { ("admin", Role.Admin) })
        {
            var password = NewPassword();
            await accounts.SaveUserAsync(Actor, name, role, password, ct);
            made.Add((name, role, password));
        }
        await WriteOwnerOnlyAsync(passwordsFile, string.Concat(made.Select(u => $"{u.Item1}\t{u.Item2.Name()}\t{u.Item3}\n")), ct);
        return made;
    }

    /// <summary>20 letters and digits: about 119 bits, and nothing a shell or a URL would mangle.</summary>
    public static string NewPassword() =>
        RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789", 20);

    private static async Task WriteOwnerOnlyAsync(string path, string text, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        await using var file = new StreamWriter(path, options);
        await file.WriteAsync(text.AsMemory(), ct);
    }
}
