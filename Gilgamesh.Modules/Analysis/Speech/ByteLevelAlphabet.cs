namespace Gilgamesh.Modules.Analysis.Speech;

/// <summary>
/// GPT-2's byte-level BPE alphabet (<c>bytes_to_unicode</c>), which Whisper's vocab.json uses: every byte
/// is written as one printable character (printable Latin-1 bytes as themselves, the rest shifted to
/// U+0100 and up), so a token string maps back to bytes one character per byte.
/// </summary>
internal static class ByteLevelAlphabet
{
    private static readonly Dictionary<char, byte> CharToByte = Build();
    private static readonly char[] ByteToChar = CharToByte.OrderBy(p => p.Value).Select(p => p.Key).ToArray();

    public static char ToChar(byte value) => ByteToChar[value];

    public static bool TryGetByte(char c, out byte value) => CharToByte.TryGetValue(c, out value);

    private static Dictionary<char, byte> Build()
    {
        var map = new Dictionary<char, byte>(256);
        var shifted = 0;
        for (var b = 0; b < 256; b++)
        {
            var printable = b is >= '!' and <= '~' or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF;
            map[printable ? (char)b : (char)(256 + shifted++)] = (byte)b;
        }
        return map;
    }
}
