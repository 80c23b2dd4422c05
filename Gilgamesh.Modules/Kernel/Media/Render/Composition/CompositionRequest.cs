namespace Gilgamesh.Modules.Kernel.Media.Render.Composition;

/// <summary>Render <paramref name="Input"/> (optionally only <c>[Start, Start + Duration)</c>) laid out by <paramref name="Layout"/> on <paramref name="Canvas"/>.</summary>
/// <param name="Encoding">Null: <see cref="RenderEncoding.Default"/>.</param>
internal sealed record CompositionRequest(string Input, string Output, Canvas Canvas, CompositionLayout Layout,
    MediaTime? Start = null, MediaTime? Duration = null, VideoEncoding? Encoding = null);
