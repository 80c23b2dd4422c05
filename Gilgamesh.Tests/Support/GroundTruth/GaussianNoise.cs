namespace Gilgamesh.Tests.Support.GroundTruth;

/// <summary>Seeded unit-variance Gaussian samples (Box–Muller): the same file on every run and machine.</summary>
internal sealed class GaussianNoise(int seed)
{
    private readonly Random _random = new(seed);
    private float? _spare;

    public float Next()
    {
        if (_spare is { } spare)
        {
            _spare = null;
            return spare;
        }
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        var r = Math.Sqrt(-2 * Math.Log(u1));
        _spare = (float)(r * Math.Sin(2 * Math.PI * u2));
        return (float)(r * Math.Cos(2 * Math.PI * u2));
    }
}
