namespace Gilgamesh.Modules.Analysis.Scenes;

/// <summary>A cut in analysed-frame units, before conversion to source frames and seconds.</summary>
internal readonly record struct FrameCut(int Frame, double Score, string Kind);
