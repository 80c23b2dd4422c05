namespace Gilgamesh.Modules.Kernel.Media;

/// <summary>
/// The last lines ffmpeg wrote to stderr (at most <see cref="MaxLines"/> lines and <see cref="MaxChars"/>
/// characters), kept so a failure can say why without buffering the whole, possibly huge, log.
/// </summary>
internal sealed class StderrTail
{
    public const int MaxLines = 20;
    public const int MaxChars = 4096;

    private readonly Queue<string> _lines = new();
    private readonly Lock _lock = new();
    private int _chars;

    public void Add(string line)
    {
        if (line.Length > MaxChars)
        {
            line = line[^MaxChars..];
        }

        lock (_lock)
        {
            _lines.Enqueue(line);
            _chars += line.Length;
            while (_lines.Count > MaxLines || _chars > MaxChars)
            {
                _chars -= _lines.Dequeue().Length;
            }
        }
    }

    public override string ToString()
    {
        lock (_lock)
        {
            return string.Join('\n', _lines);
        }
    }
}
