namespace Gilgamesh.Modules.Choreography.Blueprints;

/// <summary>Which ids a blueprint may name: songs in the media library, moves in the move library.</summary>
internal interface IBlueprintIdCatalog
{
    Task<bool> IsKnownSongAsync(Guid mediaId, CancellationToken ct);

    /// <summary>The subset of <paramref name="moveIds"/> that exist.</summary>
    Task<IReadOnlySet<Guid>> KnownMovesAsync(IReadOnlyCollection<Guid> moveIds, CancellationToken ct);
}
