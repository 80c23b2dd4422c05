using Gilgamesh.Modules.Analysis.Vectors;
using Gilgamesh.Modules.Kernel.Errors;
using Gilgamesh.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Gilgamesh.Tests.Analysis.Vectors;

public sealed class VectorFallbackTests
{
    [Test]
    public void Build_WhenNativeLibraryIsMissing_FallsBackToManagedAndLogsOnce()
    {
        using var logs = new CapturedLogs();
        using var loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(logs));
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-dir-{Guid.NewGuid():N}", FaissNativeLibrary.FileName);
        var factory = new VectorIndexFactory(loggerFactory.CreateLogger<VectorIndexFactory>(), () => FaissNativeLibrary.LoadFrom(missing));
        var rows = VectorTestData.Rows(500, 16, seed: 1);

        using var first = factory.Build(rows);
        using var second = factory.Build(rows);
        var results = second.Search(rows[0].Vector, 3);

        Assert.That(first.EngineName, Is.EqualTo("managed-exact"));
        Assert.That(second.EngineName, Is.EqualTo("managed-exact"));
        Assert.That(results[0].Id, Is.EqualTo(rows[0].Id));
        var warnings = logs.Lines.Where(l => l.Contains("falls back to managed")).ToList();
        Assert.That(warnings, Has.Count.EqualTo(1), logs.ToString());
        Assert.That(warnings[0], Does.Contain(missing).And.Contain("native/faiss/build.sh"));
    }

    [Test]
    public void Build_WhenFaissIsDemandedButMissing_FailsWithNativeUnavailable()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-dir-{Guid.NewGuid():N}", FaissNativeLibrary.FileName);
        var factory = new VectorIndexFactory(Microsoft.Extensions.Logging.Abstractions.NullLogger<VectorIndexFactory>.Instance, () => FaissNativeLibrary.LoadFrom(missing));

        var error = Assert.Throws<GilgameshException>(() => factory.Build(VectorTestData.Rows(10, 4, seed: 1), FaissTestLibrary.Faiss));

        Assert.That(error!.Code, Is.EqualTo(ErrorCodes.VectorNativeUnavailable));
    }

    [Test]
    public void FindRepositoryRoot_FromTheTestBinary_FindsTheFolderWithTheSolution()
    {
        var root = FaissNativeLibrary.FindRepositoryRoot(AppContext.BaseDirectory);

        Assert.That(root, Is.Not.Null);
        Assert.That(File.Exists(Path.Combine(root!, "native", "faiss", "build.sh")), Is.True);
    }

    [Test]
    public void LoadDefault_ReportsTheOpenBlasKernelsItChoseForThisCpu()
    {
        var factory = FaissTestLibrary.RequireFactory();
        var chosen = Environment.GetEnvironmentVariable(OpenBlasCoreType.Variable) is { Length: > 0 } set ? set : OpenBlasCoreType.ForThisCpu();

        // Debian's OpenBLAS falls back to "Prescott" (SSE3) on CPUs it does not know; the loader must have prevented that.
        Assert.That(factory.Faiss.BlasCore, Is.EqualTo(chosen ?? factory.Faiss.BlasCore), factory.Faiss.Message);
        Assert.That(factory.Faiss.Message, Does.Contain("OpenBLAS kernels"));
    }
}
