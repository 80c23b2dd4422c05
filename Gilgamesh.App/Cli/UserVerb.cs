using Gilgamesh.App.Hosting;
using Gilgamesh.Modules.Kernel.Accounts;
using Gilgamesh.Modules.Kernel.Hosting;
using Microsoft.Extensions.Configuration;

namespace Gilgamesh.App.Cli;

/// <summary><c>gilgamesh user add|list|reset-password|disable|enable</c>: manage accounts from the server's shell.</summary>
internal static class UserVerb
{
    public const string Usage = """
        Usage: gilgamesh user add <name> [--role viewer|editor|admin] [--email address] [--password value]
               gilgamesh user list
               gilgamesh user reset-password <name>
               gilgamesh user disable <name> | enable <name>
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("add" or "list" or "reset-password" or "disable" or "enable")
            || args[0] != "list" && args.Length < 2)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        using var loggerFactory = LoggerFactory.Create(GilgameshHost.ConfigureLogging);
        var configuration = VerbConfiguration.Build([]);
        await using var database = await VerbDatabase.OpenAsync(configuration, loggerFactory);
        var users = new UserStore(database.DataSource);
        var passwords = new Passwords();
        var audit = new AuditLog(database.DataSource);
        return args[0] switch
        {
            "list" => await ListAsync(users),
            "add" => await AddAsync(args[1], Options(args[2..]), new UserAdministration(users, passwords, audit)),
            "reset-password" => await ResetAsync(args[1], users, passwords, audit, configuration),
            _ => await SetDisabledAsync(args[1], args[0] == "disable", users, audit),
        };
    }

    private static async Task<int> ListAsync(UserStore users)
    {
        Console.WriteLine($"{"user",-24} {"role",-7} {"state",-9} last sign-in");
        foreach (var u in await users.ListAsync())
            Console.WriteLine($"{u.UserName,-24} {u.Role,-7} {(u.Disabled ? "disabled" : "active"),-9} {u.LastSignInAt?.ToString("u") ?? "never"}");
        return 0;
    }

    private static async Task<int> AddAsync(string name, Dictionary<string, string> options, UserAdministration administration)
    {
        var request = new CreateUserRequest(name, options.GetValueOrDefault("email"), options.GetValueOrDefault("role", Roles.Viewer),
            options.GetValueOrDefault("password"));
        var (user, password, error) = await administration.CreateAsync(request, null, "cli", CancellationToken.None);
        if (error is not null)
        {
            Console.Error.WriteLine($"gilgamesh: could not add '{name}': {error.Message}");
            return 1;
        }
        Console.WriteLine($"Added {user!.UserName} ({user.Role}).");
        if (password is not null) Console.WriteLine($"Password: {password}   (shown once; they must change it at first sign-in)");
        return 0;
    }

    private static async Task<int> ResetAsync(string name, UserStore users, Passwords passwords, AuditLog audit, IConfiguration configuration)
    {
        if (await users.FindByNameAsync(name) is not { } user) return NoSuchUser(name);
        var password = Passwords.Generate();
        await users.SetPasswordAsync(user.Id, passwords.Hash(password), mustChange: true);
        await audit.WriteAsync(AuditLog.Kinds.PasswordReset, user.Id, null, "cli");
        // The printed first password no longer works; a stale copy in the data dir would only mislead.
        var admin = configuration.GetSection(InitialAdminOptions.Section).Get<InitialAdminOptions>() ?? new InitialAdminOptions();
        var options = configuration.GetSection(GilgameshOptions.Section).Get<GilgameshOptions>() ?? new GilgameshOptions();
        if (user.UserName == admin.UserName) InitialAdmin.ForgetPasswordFile(options);
        Console.WriteLine($"New password for {user.UserName}: {password}   (shown once; they must change it at first sign-in)");
        return 0;
    }

    private static async Task<int> SetDisabledAsync(string name, bool disabled, UserStore users, AuditLog audit)
    {
        if (await users.FindByNameAsync(name) is not { } user) return NoSuchUser(name);
        await users.SetDisabledAsync(user.Id, disabled);
        await audit.WriteAsync(disabled ? AuditLog.Kinds.UserDisabled : AuditLog.Kinds.UserEnabled, user.Id, null, "cli");
        Console.WriteLine($"{user.UserName} is {(disabled ? "disabled" : "enabled")}.");
        return 0;
    }

    private static int NoSuchUser(string name)
    {
        Console.Error.WriteLine($"gilgamesh: no user '{name}'");
        return 1;
    }

    private static Dictionary<string, string> Options(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i + 1 < args.Length; i += 2) options[args[i].TrimStart('-')] = args[i + 1];
        return options;
    }
}
