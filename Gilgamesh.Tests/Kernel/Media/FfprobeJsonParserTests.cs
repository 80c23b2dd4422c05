using Gilgamesh.Modules.Kernel.Media;

namespace Gilgamesh.Tests.Kernel.Media;

public class FfprobeJsonParserTests
{
    [Test]
    public void Parse_WhenDisplayMatrixSideData_ReadsRotation()
    {
        const string json = """
            {"streams":[{"index":0,"codec_type":"video","codec_name":"h264","width":1920,"height":1080,
              "avg_frame_rate":"30000/1001","side_data_list":[{"side_data_type":"Display Matrix","rotation":-90}]}],
             "format":{"format_name":"mov,mp4","duration":"12.500000","bit_rate":"1000"}}
            """;

        var info = FfprobeJsonParser.Parse(json);

        Assert.That(info.DurationSeconds, Is.EqualTo(12.5));
        Assert.That(info.Streams[0].Rotation, Is.EqualTo(-90));
        Assert.That(info.Streams[0].FramesPerSecond, Is.EqualTo(29.97).Within(0.001));
    }

    [Test]
    public void Parse_WhenOnlyLegacyRotateTag_ReportsItCounterClockwise()
    {
        const string json = """
            {"streams":[{"index":0,"codec_type":"video","codec_name":"h264","width":4,"height":2,"tags":{"rotate":"90","language":"und"}}],
             "format":{"format_name":"mov"}}
            """;

        var stream = FfprobeJsonParser.Parse(json).Streams[0];

        Assert.That(stream.Rotation, Is.EqualTo(-90));
        Assert.That(stream.Language, Is.Null, "'und' means undetermined");
    }

    [Test]
    public void Parse_WhenAudioAndSubtitleStreams_ReadsChannelsRateAndLanguage()
    {
        const string json = """
            {"streams":[
              {"index":0,"codec_type":"audio","codec_name":"opus","channels":2,"sample_rate":"48000","bit_rate":"96000","tags":{"language":"deu"}},
              {"index":1,"codec_type":"subtitle","codec_name":"subrip","tags":{"language":"eng"}},
              {"index":2,"codec_type":"data","codec_name":"bin_data"}],
             "format":{"format_name":"matroska,webm","duration":"1.0"}}
            """;

        var streams = FfprobeJsonParser.Parse(json).Streams;

        Assert.That(streams.Select(s => s.Type), Is.EqualTo(new[] { MediaStreamType.Audio, MediaStreamType.Subtitle, MediaStreamType.Other }));
        Assert.That(streams[0], Is.EqualTo(streams[0] with { Channels = 2, SampleRate = 48000, BitRate = 96000, Language = "deu" }));
        Assert.That(streams[1].Language, Is.EqualTo("eng"));
    }
}
