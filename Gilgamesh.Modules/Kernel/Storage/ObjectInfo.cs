namespace Gilgamesh.Modules.Kernel.Storage;

/// <summary>Metadata of a stored object. <see cref="ContentType"/> is null when the backend does not know it.</summary>
internal sealed record ObjectInfo(string Key, long Size, DateTimeOffset LastModified, string? ContentType);
