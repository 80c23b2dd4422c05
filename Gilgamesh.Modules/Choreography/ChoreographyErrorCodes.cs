namespace Gilgamesh.Modules.Choreography;

/// <summary>Stable error codes of the choreography module (documented in docs/errors.md and docs/choreography/).</summary>
internal static class ChoreographyErrorCodes
{
    public const string BlueprintInvalid = "choreography.blueprint_invalid";
    public const string MoveInvalid = "choreography.move_invalid";
    public const string NoMovesFit = "choreography.no_moves_fit";
    public const string DescriptionUnclear = "choreography.description_unclear";
}
