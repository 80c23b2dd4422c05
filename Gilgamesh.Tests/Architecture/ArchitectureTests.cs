using Gilgamesh.App.Hosting;
using Gilgamesh.Modules.Kernel.Modules;
using NetArchTest.Rules;

namespace Gilgamesh.Tests.Architecture;

public sealed class ArchitectureTests
{
    private static readonly System.Reflection.Assembly Modules = typeof(IGilgameshModule).Assembly;
    private static readonly System.Reflection.Assembly TestAssembly = typeof(ArchitectureTests).Assembly;

    private static IEnumerable<string> AllModuleNamespaces =>
        ModuleBoundaryRules.ProductModuleNamespaces.Concat(ModuleBoundaryRules.ModuleNamespaces(Modules));

    [Test]
    public void Kernel_DependsOnNoModule()
    {
        Assert.That(ModuleBoundaryRules.LayerDependsOnModules(Modules, "Gilgamesh.Modules.Kernel", AllModuleNamespaces), Is.Empty);
    }

    [Test]
    public void Analysis_DependsOnNoModule()
    {
        Assert.That(ModuleBoundaryRules.LayerDependsOnModules(Modules, "Gilgamesh.Modules.Analysis", AllModuleNamespaces), Is.Empty);
    }

    [Test]
    public void Analysis_DependsOnNoDatabaseOrHttp()
    {
        var result = Types.InAssembly(Modules).That().ResideInNamespace("Gilgamesh.Modules.Analysis")
            .ShouldNot().HaveDependencyOnAny("Npgsql", "Dapper", "Hangfire", "Microsoft.AspNetCore", "Gilgamesh.Modules.Kernel.Database", "Gilgamesh.Modules.Kernel.Jobs")
            .GetResult();
        Assert.That(result.FailingTypeNames ?? [], Is.Empty, "analysis engines are pure");
    }

    [Test]
    public void Modules_DoNotReachIntoEachOthersInternals()
    {
        Assert.That(ModuleBoundaryRules.CrossModuleReaches(Modules, ModuleBoundaryRules.ModuleNamespaces(Modules)), Is.Empty);
    }

    [Test]
    public void Modules_ExposeOnlyTheirEntryAndContracts()
    {
        foreach (var module in ModuleBoundaryRules.ModuleNamespaces(Modules))
            Assert.That(ModuleBoundaryRules.ExtraPublicTypes(Modules, module), Is.Empty, module);
    }

    [Test]
    public void Modules_DoNotDependOnTheHost()
    {
        var result = Types.InAssembly(Modules).ShouldNot().HaveDependencyOn(typeof(GilgameshHost).Namespace).GetResult();
        Assert.That(result.FailingTypeNames ?? [], Is.Empty);
    }

    [Test]
    public void CrossModuleRule_OnAModuleThatUsesAnothersInternals_ReportsIt()
    {
        var fixtures = new[] { "Gilgamesh.Tests.Architecture.Fixtures.Alpha", "Gilgamesh.Tests.Architecture.Fixtures.Beta" };

        var breaches = ModuleBoundaryRules.CrossModuleReaches(TestAssembly, fixtures);

        Assert.That(breaches, Has.Some.Contains("BetaReport").And.Some.Contains("Fixtures.Alpha"));
    }

    [Test]
    public void EntryRule_OnAModuleWithAStrayPublicType_ReportsIt()
    {
        var extra = ModuleBoundaryRules.ExtraPublicTypes(TestAssembly, "Gilgamesh.Tests.Architecture.Fixtures.Alpha");

        Assert.That(extra, Is.EqualTo(new[] { "Gilgamesh.Tests.Architecture.Fixtures.Alpha.AlphaRepository" }));
    }

    [Test]
    public void LayerRule_OnALayerThatUsesAModule_ReportsIt()
    {
        var failing = ModuleBoundaryRules.LayerDependsOnModules(TestAssembly, "Gilgamesh.Tests.Architecture.Fixtures.Beta",
            ["Gilgamesh.Tests.Architecture.Fixtures.Alpha"]);

        Assert.That(failing, Has.Some.Contains("BetaReport"));
    }
}
