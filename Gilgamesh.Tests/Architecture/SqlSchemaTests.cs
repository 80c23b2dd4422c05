using Gilgamesh.Modules.Kernel.Modules;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Architecture;

public sealed class SqlSchemaTests
{
    private static readonly string ModulesRoot = Path.Combine(RepositoryPaths.Root, "Gilgamesh.Modules");
    private static readonly string FixtureRoot = Path.Combine(RepositoryPaths.Root, "Gilgamesh.Tests", "Architecture", "Fixtures", "BrokenSql");

    /// <summary>Every product module in this build: its folder (the namespace's last part) and its schema.</summary>
    private static IEnumerable<(string Folder, string Schema)> ProductModules() =>
        typeof(IGilgameshModule).Assembly.GetTypes()
            .Where(t => typeof(IGilgameshModule).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .Select(t => (IGilgameshModule)Activator.CreateInstance(t)!)
            .Select(m => (Folder: m.GetType().Namespace!.Split('.').Last(), m.Schema));

    private static List<string> KnownSchemas(IEnumerable<(string Folder, string Schema)> modules) =>
        [.. SqlSchemaRules.KernelSchemas, .. modules.Select(m => m.Schema), "highlights", "choreography", "encode"];

    [Test]
    public void ModuleSql_InEveryModuleAndMigration_TouchesOnlyItsOwnSchema()
    {
        var modules = ProductModules().ToList();
        Assert.That(modules, Is.Not.Empty, "no module found to check");
        var known = KnownSchemas(modules);

        var breaches = modules.SelectMany(m => SqlSchemaRules.ModuleBreaches(
            Path.Combine(ModulesRoot, m.Folder), Path.Combine(RepositoryPaths.Root, "migrations", m.Schema), m.Schema, known)
            .Select(b => $"{m.Folder}/{b}")).ToList();

        Assert.That(breaches, Is.Empty);
    }

    [Test]
    public void ModuleSql_WhenItChecksTheIngestModule_FindsItsOwnTables()
    {
        // Guards the rule itself: if the scan found no qualified names at all, an empty breach list would prove nothing.
        var ownReferences = SqlSchemaRules.ModuleBreaches(Path.Combine(ModulesRoot, "Ingest"), Path.Combine(RepositoryPaths.Root, "migrations", "ingest"),
            ownSchema: "platform", knownSchemas: ["platform", "ingest"]);

        Assert.That(ownReferences, Has.Some.EndsWith("ingest.media_items"));
    }

    [Test]
    public void SqlSchemaRule_OnAModuleWhoseSqlJoinsForeignTables_ReportsEachForeignTable()
    {
        var breaches = SqlSchemaRules.ModuleBreaches(FixtureRoot, Path.Combine(FixtureRoot, "migrations", "alpha"), "alpha", ["platform", "alpha", "beta"]);

        Assert.That(breaches, Is.EquivalentTo(new[]
        {
            "AlphaReportStore.cs: platform.users",
            "AlphaReportStore.cs: beta.orders",
            "0001_reports.sql: platform.users",
        }));
    }

    [Test]
    public void SqlSchemaRule_WhenAForeignNameIsOnlyInACommentOrCode_IgnoresIt()
    {
        const string source = "// reads platform.users through the kernel\nvar n = platform.users.Count; const string Sql = \"select 1 from alpha.reports\";";

        Assert.That(SqlSchemaRules.ForeignReferences(source, "alpha", ["platform", "alpha"], isCSharp: true), Is.Empty);
    }
}
