using Gilgamesh.App.Hosting;
using Gilgamesh.Modules.Kernel.Errors;

namespace Gilgamesh.App.Cli;

/// <summary>
/// The App binary serves by default and also takes verbs: <c>migrate</c>, <c>analyze</c>, <c>help</c>.
/// The repository's <c>./gilgamesh</c> launcher passes any other verb here after a build.
/// </summary>
public static class CommandLine
{
    public const string Usage = """
        Usage: gilgamesh [verb] [options]

          (no verb), serve     start the web app (default http://localhost:8080; --urls to change)
          migrate              start the database if embedded, apply migrations, exit
          analyze <engine> <file> [--option value ...]
                               run an analysis engine on a file and print JSON
          models list | pull <name> | verify [<name>]
                               speech models (Whisper exports): list, download, check
          user add|list|reset-password|disable|enable ...
                               manage accounts (see `gilgamesh user`)
          help                 this text

        Configuration comes from appsettings.json, environment variables (Section__Key) and
        --Section:Key=value arguments; see docs/configuration.md.
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var verb = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : "serve";
        var rest = verb == "serve" && (args.Length == 0 || args[0].StartsWith('-')) ? args : args[1..];
        CliContext.IsVerb = verb != "serve";
        try
        {
            return verb switch
            {
                "serve" => await ServeAsync(rest),
                "migrate" => await MigrateVerb.RunAsync(rest),
                "analyze" => await AnalyzeVerb.RunAsync(rest),
                "user" => await UserVerb.RunAsync(rest),
                "models" => await ModelsVerb.RunAsync(rest),
                "help" or "--help" or "-h" => PrintUsage(Console.Out, 0),
                _ => UnknownVerb(verb),
            };
        }
        catch (GilgameshException e)
        {
            // Startup problems a user can fix (missing package, edited migration) read as one clear line.
            await Console.Error.WriteLineAsync($"gilgamesh: {e.Message} [{e.Code}]");
            return 1;
        }
    }

    private static async Task<int> ServeAsync(string[] args)
    {
        await using var app = await GilgameshHost.CreateAsync(args);
        await app.RunAsync();
        return 0;
    }

    private static int UnknownVerb(string verb)
    {
        Console.Error.WriteLine($"gilgamesh: unknown verb '{verb}'.");
        return PrintUsage(Console.Error, 2);
    }

    private static int PrintUsage(TextWriter writer, int exitCode)
    {
        writer.WriteLine(Usage);
        return exitCode;
    }
}
