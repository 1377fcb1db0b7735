using Pricing.Hosting;
using Pricing.Identity;
using Pricing.Model;
using Pricing.Storage;

namespace Pricing.Silo;

/// <summary>
/// <c>Pricing.Silo user …</c> and <c>token …</c>: users and bearer tokens, on a server with the analytics
/// connection (docs/operators.md, Users and tokens).
/// </summary>
internal static class AccountCommands
{
    public static async Task<int> RunAsync(CommandLine command, PricingSettings settings, TextReader input)
    {
        var database = settings.OpenAnalytics();
        await DatabaseCheck.EnsureReachableAsync(database);
        await new Migrator(database, "Analytics").ApplyAsync();
        var analytics = new AnalyticsStore(database);
        var store = analytics.Users;
        var accounts = new Accounts(store, analytics.Audit, TimeProvider.System);
        try
        {
            switch (command.Verb, Word(command, 0))
            {
                case ("user", "add"):
                {
                    var name = Word(command, 1) ?? throw new UsageException("user add needs a NAME");
                    // the password comes on standard input, never as an argument a process list would show
                    var password = (await input.ReadLineAsync())?.TrimEnd('\r') ?? "";
                    var user = await accounts.SaveUserAsync(Actor, name, Role(command), password);
                    Console.WriteLine($"user {user.Name} is {user.Role.Name()}");
                    return 0;
                }
                case ("user", "list"):
                    var tokens = await store.ListTokensAsync();
                    var now = DateTime.UtcNow;
                    foreach (var user in await store.ListUsersAsync())
                    {
                        var active = tokens.Count(t => t.UserName == user.Name && t.RevokedAt is null && t.ExpiresAt > now);
                        Console.WriteLine($"{user.Name}\t{user.Role.Name()}\t{(user.PasswordHash is null ? "no password" : "password")}\t{active} active tokens");
                    }
                    return 0;
                case ("token", "create"):
                {
                    var userName = command.Text("user") ?? throw new UsageException("token create needs --user NAME");
                    var (token, record) = await accounts.CreateTokenAsync(Actor, userName, Role(command), command.Span("expires") ?? TimeSpan.FromDays(30));
                    Console.WriteLine($"token {record.Id} for {record.UserName} as {record.Role.Name()}, valid until {record.ExpiresAt:yyyy-MM-dd HH:mm} UTC; shown once:");
                    Console.WriteLine(token);
                    return 0;
                }
                case ("token", "revoke"):
                {
                    var id = long.TryParse(Word(command, 1), out var parsed) ? parsed : throw new UsageException("token revoke needs the token's ID");
                    await accounts.RevokeTokenAsync(Actor, id);
                    Console.WriteLine($"token {id} revoked");
                    return 0;
                }
                default:
                    throw new UsageException($"unknown command '{command.Verb} {Word(command, 0)}'");
            }
        }
        catch (AccountException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    private static string Actor => PipelineCommand.CliCaller.Name;

    private static string? Word(CommandLine command, int index) => index < command.Words.Length ? command.Words[index] : null;

    private static Role Role(CommandLine command) =>
        command.Text("role") is not { } text ? throw new UsageException("--role ROLE is required: one of " + string.Join(", ", Roles.Names))
        : Roles.Parse(text.ToUpperInvariant()) ?? throw new UsageException($"--role: '{text}' is not one of {string.Join(", ", Roles.Names)}");
}
