using Liftoff.Data;
using Liftoff.Data.Identity;
using Liftoff.Web.Features.Users;
using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Infrastructure.Database;
using Liftoff.Web.Infrastructure.Seed;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Infrastructure.Cli;

/// <summary>Administrative commands run by the same binary: `dotnet run --project src/Liftoff.Web --
/// &lt;command&gt;`.</summary>
public static class CommandLine
{
    public const string Usage = """
        usage: liftoff <command>

          migrate                                    apply database migrations
          seed-demo                                  create the demo workspace on an empty database
          user list                                  list users with their roles
          user add <email> <name> <role> [--organisation <name>]
                                                     create a user (roles: Admin, Lead, Staff, External)
          user set-role <email> <role> [--organisation <name>]
          user reset-password <email>                print a new generated password
          token create <email> <token-name> [--scope read-only|read-write] [--expires <yyyy-mm-dd>]
                                                     print a new personal API token (default read-write,
                                                     no expiry; it stops working at 00:00 UTC that day)
          dkim create <domain> <selector> [--out <file>]
                                                     write a new DKIM key (default ~/.liftoff/dkim/) and
                                                     print the DNS TXT record to publish

        Without a command the web app starts (use --urls to choose the address).
        """;

    private static readonly string[] Commands = ["migrate", "seed-demo", "user", "token", "dkim", "help", "--help",
        "-h"];

    /// <summary>Returns the command arguments, or null when the web app should start.</summary>
    public static string[]? Detect(string[] args) =>
        args.Length > 0 && Commands.Contains(args[0], StringComparer.Ordinal) ? args : null;

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output,
        TextWriter error)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        try
        {
            switch (args)
            {
                case ["help" or "--help" or "-h", ..]:
                    output.WriteLine(Usage);
                    return 0;
                case ["migrate"]:
                    await sp.GetRequiredService<DatabaseInitializer>().MigrateAsync();
                    output.WriteLine("Database is up to date.");
                    return 0;
                case ["seed-demo"]:
                    return await SeedAsync(sp, output);
                case ["user", "list"]:
                    foreach (var u in await sp.GetRequiredService<UserAdministration>().ListAsync())
                    {
                        output.WriteLine(
                            $"{u.Email,-32} {string.Join(",", u.Roles),-10} " +
                                $"{(u.IsActive ? "active" : "deactivated"),-12} " +
                                    $"{u.DisplayName}{(u.OrganisationName is null ? "" : $" ({u.OrganisationName})")}");
                    }
                    return 0;
                case ["user", "add", var email, var name, var role, .. var rest]:
                    {
                        var org = await OrganisationAsync(sp, rest);
                        var outcome = await sp.GetRequiredService<UserAdministration>()
                            .CreateAsync(new NewUser(email, name, role, org));
                        return Report(outcome.IsOk, outcome.Message,
                            $"Created {email} ({role}). Password (shown once): {outcome.Value?.InitialPassword}",
                                output, error);
                    }
                case ["user", "set-role", var email, var role, .. var rest]:
                    {
                        var org = await OrganisationAsync(sp, rest);
                        var outcome = await sp.GetRequiredService<UserAdministration>().SetRoleAsync(email, role, org);
                        return Report(outcome.IsOk, NotFoundOr(outcome.Kind, outcome.Message, email),
                            $"{email} is now {role}.", output, error);
                    }
                case ["user", "reset-password", var email]:
                    {
                        var outcome = await sp.GetRequiredService<UserAdministration>().ResetPasswordAsync(email);
                        return Report(outcome.IsOk, NotFoundOr(outcome.Kind, outcome.Message, email),
                            $"New password for {email} (shown once): {outcome.Value}", output, error);
                    }
                case ["token", "create", var email, var tokenName, .. var rest]:
                    return await CreateTokenAsync(sp, email, tokenName, rest, output, error);
                case ["dkim", "create", var domain, var selector, .. var rest]:
                    return DkimCommand.Create(domain, selector, rest, output, error);
                default:
                    error.WriteLine($"Unknown or incomplete command: {string.Join(' ', args)}");
                    error.WriteLine(Usage);
                    return 2;
            }
        }
        catch (CommandException e)
        {
            error.WriteLine(e.Message);
            return 1;
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            error.WriteLine($"Failed: {e.GetBaseException().Message}");
            return 1;
        }
    }

    private static async Task<int> CreateTokenAsync(
        IServiceProvider sp, string email, string tokenName, string[] rest, TextWriter output, TextWriter error)
    {
        string? scope = null, expires = null;
        for (var i = 0; i < rest.Length; i += 2)
        {
            switch (rest[i..])
            {
                case ["--scope", var value, ..]:
                    scope = value;
                    break;
                case ["--expires", var value, ..]:
                    expires = value;
                    break;
                default:
                    error.WriteLine($"Unexpected arguments: {string.Join(' ', rest[i..])}");
                    error.WriteLine(Usage);
                    return 2;
            }
        }
        var user = await sp.GetRequiredService<AppDbContext>().Users.FirstOrDefaultAsync(u => u.Email == email);
        if (user is null)
        {
            return Report(false, $"No user with email {email}.", "", output, error);
        }
        var outcome = await sp.GetRequiredService<ApiTokenService>()
            .CreateAsync(user.Id, new NewApiToken(tokenName, scope, expires));
        if (outcome.Value is not { } token)
        {
            return Report(false, outcome.Message, "", output, error);
        }
        var expiry = token.ExpiresAt is { } at ? $"expires {at:yyyy-MM-dd HH:mm} UTC" : "no expiry";
        output.WriteLine($"Token '{token.Name}' for {email}, {ApiTokenService.ScopeName(token.Scope)}, {expiry} " +
            "(shown once; send as 'Authorization: Bearer <token>'):");
        output.WriteLine(token.Token);
        return 0;
    }

    private static async Task<int> SeedAsync(IServiceProvider sp, TextWriter output)
    {
        var result = await sp.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync();
        if (result is null)
        {
            output.WriteLine("The database already has users; the demo workspace was not created.");
            return 0;
        }
        DemoSeeder.PrintCredentials(result, output);
        return 0;
    }

    private static async Task<int?> OrganisationAsync(IServiceProvider sp, string[] rest)
    {
        if (rest is not ["--organisation", var name])
        {
            return rest.Length == 0 ? null : throw new CommandException(
                $"Unexpected arguments: {string.Join(' ', rest)}");
        }
        var org = await sp.GetRequiredService<AppDbContext>().Organisations.FirstOrDefaultAsync(o => o.Name == name);
        return org?.Id ?? throw new CommandException($"No organisation named '{name}'.");
    }

    private static string NotFoundOr(OutcomeKind kind, string message, string email) =>
        kind == OutcomeKind.NotFound ? $"No user with email {email}." : message;

    private static int Report(bool ok, string failure, string success, TextWriter output, TextWriter error)
    {
        if (ok)
        {
            output.WriteLine(success);
            return 0;
        }
        error.WriteLine(failure);
        return 1;
    }

    private sealed class CommandException(string message) : Exception(message);
}
