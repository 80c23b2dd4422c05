namespace Gilgamesh.Modules.Kernel.Media.Render.Thumbnails;

/// <summary>A JPEG of the best of <paramref name="Samples"/> frames spread over <c>[From, To)</c> (whole file when null).</summary>
/// <param name="Width">Output width (height keeps the aspect); null: source size.</param>
internal sealed record ThumbnailRequest(string Input, string Output, MediaTime? From = null, MediaTime? To = null, int Samples = 12, int? Width = null);

/// <summary>The chosen frame: its time in the source, its sharpness (variance of the Laplacian of luma) and mean luma (0–255).</summary>
internal sealed record Thumbnail(MediaTime Time, double Sharpness, double MeanLuma);
