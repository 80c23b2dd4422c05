using Gilgamesh.App.Hosting;

namespace Gilgamesh.App.Cli;

/// <summary><c>gilgamesh migrate</c>: apply pending migrations of every schema and exit.</summary>
internal static class MigrateVerb
{
    public static async Task<int> RunAsync(string[] args)
    {
        using var loggerFactory = LoggerFactory.Create(GilgameshHost.ConfigureLogging);
        await using var database = await VerbDatabase.OpenAsync(VerbConfiguration.Build(args), loggerFactory);
        var applied = database.Applied;
        Console.WriteLine(applied.Count == 0 ? "Database is up to date." : $"Applied {applied.Count}: {string.Join(", ", applied)}");
        return 0;
    }
}
