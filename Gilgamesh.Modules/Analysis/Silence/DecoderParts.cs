using System.Globalization;

namespace Gilgamesh.Modules.Analysis.Silence;

/// <summary>
/// How many parts a long compressed file is decoded in when <c>--decoders</c> is not given. Parts only pay when
/// cores are idle: they halve the wall time on two free cores, but cost ~40% more CPU than one pass (an ffprobe
/// for the duration, another ffmpeg start, two pipe readers), so on a saturated machine they are slower — at
/// load average 20 on 2 cores 30 min of AAC took 4.7 s in two parts against 2.9 s in one (1.83 vs 1.24 s CPU, medians of 3).
/// The one-minute load average is the measure: at or above the processor count, no core is free to take a part.
/// </summary>
internal static class DecoderParts
{
    private const string LoadAverageFile = "/proc/loadavg";

    public static int Default() => ForLoad(Environment.ProcessorCount, ReadLoadAverage());

    /// <summary>One part per processor while the load average leaves a core free (or is unknown), else one.</summary>
    public static int ForLoad(int processors, double? loadAverage) =>
        loadAverage is { } load && load >= processors ? 1 : processors;

    /// <summary>The first field of <c>/proc/loadavg</c>; null where there is none (not Linux) or it does not parse.</summary>
    public static double? ReadLoadAverage()
    {
        try
        {
            return ParseLoadAverage(File.ReadAllText(LoadAverageFile));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static double? ParseLoadAverage(string text) =>
        double.TryParse(text.Split(' ', 2)[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var load) ? load : null;
}
