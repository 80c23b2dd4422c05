namespace Gilgamesh.Tests.Support.GroundTruth;

/// <summary>A known interval of generated media, in seconds.</summary>
public sealed record TruthInterval(double Start, double End, string Kind);
