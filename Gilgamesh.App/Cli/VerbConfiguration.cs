namespace Gilgamesh.App.Cli;

/// <summary>The same configuration sources the web host reads, for verbs that don't start it.</summary>
internal static class VerbConfiguration
{
    public static IConfiguration Build(string[] args) => new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .AddCommandLine(args)
        .Build();
}
