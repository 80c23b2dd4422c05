using Gilgamesh.Modules.Ingest.Previews;

namespace Gilgamesh.Tests.Ingest.Library;

/// <summary>Exact ffmpeg argument strings of the previews; nothing is run.</summary>
public class PreviewArgumentsTests
{
    [Test]
    public void VideoPoster_SeeksToTenPercentAndScalesToAtMost640Wide()
    {
        var arguments = PreviewArguments.VideoPoster("/in/a b.mp4", "/out/poster.jpg", 62.5);

        Assert.That(arguments, Is.EqualTo(
            "-ss 6.250 -i \"/in/a b.mp4\" -frames:v 1 -vf \"scale='min(640,iw)':-2\" -q:v 3 \"/out/poster.jpg\" -y"));
    }

    [Test]
    public void VideoPoster_WhenDurationUnknown_TakesTheFirstFrame()
    {
        var arguments = PreviewArguments.VideoPoster("/in/a.mkv", "/out/poster.jpg", null);

        Assert.That(arguments, Does.StartWith("-ss 0.000 -i \"/in/a.mkv\" "));
    }

    [Test]
    public void ImagePoster_ScalesWithoutSeeking()
    {
        var arguments = PreviewArguments.ImagePoster("/in/photo.png", "/out/poster.jpg");

        Assert.That(arguments, Is.EqualTo("-i \"/in/photo.png\" -frames:v 1 -vf \"scale='min(640,iw)':-2\" -q:v 3 \"/out/poster.jpg\" -y"));
    }

    [Test]
    public void Waveform_MixesToMonoAndDrawsOnePicture()
    {
        var arguments = PreviewArguments.Waveform("/in/talk.wav", "/out/waveform.png");

        Assert.That(arguments, Is.EqualTo(
            "-i \"/in/talk.wav\" -filter_complex \"aformat=channel_layouts=mono,showwavespic=s=640x160:colors=0x3b82f6\" " +
            "-frames:v 1 \"/out/waveform.png\" -y"));
    }

    [Test]
    public void Waveform_LongTrack_ResamplesToTheSampleBudgetFirst()
    {
        var arguments = PreviewArguments.Waveform("/in/lecture.m4a", "/out/waveform.png", 3 * 3600);

        Assert.That(arguments, Is.EqualTo(
            "-i \"/in/lecture.m4a\" -filter_complex \"aresample=1000,aformat=channel_layouts=mono,showwavespic=s=640x160:colors=0x3b82f6\" " +
            "-frames:v 1 \"/out/waveform.png\" -y"));
        Assert.That(PreviewArguments.Waveform("/in/a.wav", "/out/w.png", 400), Does.Contain("\"aresample=10000,aformat"));
    }

    [Test]
    public void ContactSheet_ShortVideo_PicksTwelveFramesAcrossTheDurationIntoA4x3Grid()
    {
        var arguments = PreviewArguments.ContactSheet("/in/clip.mp4", "/out/sheet.jpg", 3);

        Assert.That(arguments, Is.EqualTo(
            "-i \"/in/clip.mp4\" -an -vf \"fps=4,scale=320:-2,tile=4x3\" -frames:v 1 -q:v 4 \"/out/sheet.jpg\" -y"));
    }

    [Test]
    public void ContactSheet_LongVideo_DecodesKeyframesOnly()
    {
        var arguments = PreviewArguments.ContactSheet("/in/lecture.mp4", "/out/sheet.jpg", 5400);

        Assert.That(arguments, Is.EqualTo(
            "-skip_frame nokey -i \"/in/lecture.mp4\" -an -vf \"fps=0.002222,scale=320:-2,tile=4x3\" -frames:v 1 -q:v 4 \"/out/sheet.jpg\" -y"));
    }

    [Test]
    public void ContactSheet_WithoutDuration_Throws()
    {
        Assert.That(() => PreviewArguments.ContactSheet("/in/a.mp4", "/out/b.jpg", 0), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Previews_JsonHasExactlyTheSharedKeys()
    {
        Assert.Multiple(() =>
        {
            Assert.That(new MediaPreviews(Poster: "p", ContactSheet: "c").ToJson(), Is.EqualTo("{\"poster\":\"p\",\"contact_sheet\":\"c\"}"));
            Assert.That(new MediaPreviews(Waveform: "w").ToJson(), Is.EqualTo("{\"waveform\":\"w\"}"));
            Assert.That(MediaPreviews.Parse("{\"poster\": \"a\", \"contact_sheet\": \"b\"}"), Is.EqualTo(new MediaPreviews("a", "b")));
        });
    }
}
