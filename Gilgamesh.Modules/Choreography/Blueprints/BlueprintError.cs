namespace Gilgamesh.Modules.Choreography.Blueprints;

/// <summary>One problem in a blueprint: where (an RFC 6901 JSON pointer into the submitted document; "" is the whole document) and what.</summary>
internal sealed record BlueprintError(string Pointer, string Message);

/// <summary>The outcome of validating a submitted blueprint; <see cref="Blueprint"/> is set only when valid.</summary>
internal sealed record BlueprintValidation(IReadOnlyList<BlueprintError> Errors, Blueprint? Blueprint)
{
    public bool IsValid => Errors.Count == 0;
}
