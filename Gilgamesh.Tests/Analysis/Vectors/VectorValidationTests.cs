using Gilgamesh.Modules.Analysis.Vectors;
using Gilgamesh.Modules.Kernel.Errors;

namespace Gilgamesh.Tests.Analysis.Vectors;

public sealed class VectorValidationTests
{
    [Test]
    public void Build_WhenRowsHaveDifferentDimensions_RejectsWithDimensionMismatch()
    {
        var rows = new[] { new VectorRow(1, [1, 0, 0]), new VectorRow(2, [1, 0]) };

        var error = Assert.Throws<GilgameshException>(() => VectorDataSet.Build(rows));

        Assert.That(error!.Code, Is.EqualTo(ErrorCodes.VectorDimensionMismatch));
        Assert.That(error.Message, Does.Contain("id 2").And.Contain("2 dimensions").And.Contain("3"));
    }

    [TestCase("managed")]
    [TestCase("faiss")]
    public void Search_WhenQueryHasWrongDimension_RejectsWithDimensionMismatch(string engine)
    {
        var factory = FaissTestLibrary.RequireFactory();
        using var index = factory.Build(VectorTestData.Rows(100, 8, seed: 1), FaissTestLibrary.Options(engine));

        var error = Assert.Throws<GilgameshException>(() => index.Search(new float[7], 5));

        Assert.That(error!.Code, Is.EqualTo(ErrorCodes.VectorDimensionMismatch));
    }

    [TestCase(float.NaN)]
    [TestCase(float.PositiveInfinity)]
    [TestCase(float.NegativeInfinity)]
    public void Build_WhenAVectorHasNonFiniteValue_RejectsWithInvalidValue(float bad)
    {
        var rows = new[] { new VectorRow(1, [1, 0, 0]), new VectorRow(2, [0, bad, 1]) };

        var error = Assert.Throws<GilgameshException>(() => VectorDataSet.Build(rows));

        Assert.That(error!.Code, Is.EqualTo(ErrorCodes.VectorInvalidValue));
        Assert.That(error.Message, Does.Contain("id 2"));
    }

    [Test]
    public void Search_WhenQueryHasNaN_RejectsWithInvalidValue()
    {
        using var index = new VectorIndexFactory(Microsoft.Extensions.Logging.Abstractions.NullLogger<VectorIndexFactory>.Instance)
            .Build(VectorTestData.Rows(10, 3, seed: 1), FaissTestLibrary.Managed);

        var error = Assert.Throws<GilgameshException>(() => index.Search([1, float.NaN, 0], 3));

        Assert.That(error!.Code, Is.EqualTo(ErrorCodes.VectorInvalidValue));
    }

    [Test]
    public void Build_WhenAVectorIsZero_RejectsWithInvalidValue()
    {
        var error = Assert.Throws<GilgameshException>(() => VectorDataSet.Build([new VectorRow(1, [0, 0])]));

        Assert.That(error!.Code, Is.EqualTo(ErrorCodes.VectorInvalidValue));
    }

    [Test]
    public void Build_WhenAnIdRepeats_RejectsWithDuplicateId()
    {
        var error = Assert.Throws<GilgameshException>(() => VectorDataSet.Build([new VectorRow(1, [1, 0]), new VectorRow(1, [0, 1])]));

        Assert.That(error!.Code, Is.EqualTo(ErrorCodes.VectorDuplicateId));
    }
}
