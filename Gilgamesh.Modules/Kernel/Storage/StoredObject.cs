namespace Gilgamesh.Modules.Kernel.Storage;

/// <summary>What a put wrote: the SHA-256 is computed from the bytes as they streamed through.</summary>
internal sealed record StoredObject(string Key, long Size, string Sha256Hex);
