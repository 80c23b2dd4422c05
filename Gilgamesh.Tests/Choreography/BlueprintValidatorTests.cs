using System.Text.Json.Nodes;
using Gilgamesh.Modules.Choreography.Blueprints;

namespace Gilgamesh.Tests.Choreography;

public sealed class BlueprintValidatorTests
{
    private static readonly Guid Song = Guid.Parse("11111111-1111-1111-1111-111111111111");
    private static readonly Guid MoveA = Guid.Parse("22222222-2222-2222-2222-222222222222");
    private static readonly Guid MoveB = Guid.Parse("33333333-3333-3333-3333-333333333333");

    /// <summary>The id catalog stands in for the library stores (in memory: the ids are the test's own).</summary>
    private sealed class InMemoryIdCatalog(Guid[] songs, Guid[] moves) : IBlueprintIdCatalog
    {
        public Task<bool> IsKnownSongAsync(Guid mediaId, CancellationToken ct) => Task.FromResult(songs.Contains(mediaId));

        public Task<IReadOnlySet<Guid>> KnownMovesAsync(IReadOnlyCollection<Guid> moveIds, CancellationToken ct) =>
            Task.FromResult<IReadOnlySet<Guid>>(moveIds.Where(moves.Contains).ToHashSet());
    }

    private static readonly InMemoryIdCatalog Catalog = new([Song], [MoveA, MoveB]);

    private static JsonObject Valid() => JsonNode.Parse(BlueprintJson.Serialize(new Blueprint(
        BlueprintSchema.Version,
        Guid.Parse("44444444-4444-4444-4444-444444444444"),
        new BlueprintSong(Song, 120, [0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4], [0.5, 2.5], 4.5),
        [
            new BlueprintSlot(MoveA, 0, 0, 2.5, 1, false, new SlotTransition("cut", 0, 0), 4, 0.5, 0, 1.0, ["first"]),
            new BlueprintSlot(MoveB, 4, 2.5, 2, 1, true, new SlotTransition("crossfade", 0.12, 0.6), 4, 0, 0, 3.0, ["second"]),
        ],
        new VideoOutput("1280x720", 30, "h264"),
        new GeneratorInfo(7, "test", "rhythm")))) !.AsObject();

    private static async Task<BlueprintValidation> ValidateAsync(JsonNode node) =>
        await BlueprintValidator.ValidateAsync(node.ToJsonString(), Catalog, CancellationToken.None);

    private static JsonObject Slot(JsonObject blueprint, int i) => blueprint["moves_used"]![i]!.AsObject();

    [Test]
    public async Task Validate_WhenBlueprintIsWellFormed_IsValidAndRoundTrips()
    {
        var result = await ValidateAsync(Valid());

        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.Blueprint!.MovesUsed.Select(m => m.MoveId), Is.EqualTo(new[] { MoveA, MoveB }));
        Assert.That(result.Blueprint.MovesUsed[1].Transition!.Kind, Is.EqualTo("crossfade"));
    }

    [TestCase("../../etc/passwd")]
    [TestCase("/var/lib/gilgamesh/clips/a.mp4")]
    [TestCase("..\\..\\windows\\win.ini")]
    public async Task Validate_WhenMoveIdIsAPath_ReportsPointerAndNeverAcceptsPaths(string path)
    {
        var blueprint = Valid();
        Slot(blueprint, 1)["move_id"] = path;

        var result = await ValidateAsync(blueprint);

        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Errors, Has.Some.EqualTo(new BlueprintError("/moves_used/1/move_id", "an id (UUID) is expected here; paths are never accepted")));
    }

    [Test]
    public async Task Validate_WhenSongIdIsAPath_ReportsPointer()
    {
        var blueprint = Valid();
        blueprint["song"]!["media_id"] = "../songs/secret.wav";

        var result = await ValidateAsync(blueprint);

        Assert.That(result.Errors.Select(e => e.Pointer), Does.Contain("/song/media_id"));
    }

    [Test]
    public async Task Validate_WhenIdsAreUnknown_ReportsEachWithItsPointer()
    {
        var blueprint = Valid();
        Slot(blueprint, 0)["move_id"] = Guid.Parse("55555555-5555-5555-5555-555555555555").ToString();
        blueprint["song"]!["media_id"] = Guid.Parse("66666666-6666-6666-6666-666666666666").ToString();

        var result = await ValidateAsync(blueprint);

        Assert.That(result.Errors.Select(e => e.Pointer), Is.EquivalentTo(new[] { "/song/media_id", "/moves_used/0/move_id" }));
        Assert.That(result.Errors.Single(e => e.Pointer == "/moves_used/0/move_id").Message, Does.Contain("55555555-5555-5555-5555-555555555555"));
    }

    [Test]
    public async Task Validate_WhenSlotStartIsNegative_ReportsPointer()
    {
        var blueprint = Valid();
        Slot(blueprint, 1)["start_time"] = -1.5;

        var result = await ValidateAsync(blueprint);

        Assert.That(result.Errors.Select(e => e.Pointer), Is.EqualTo(new[] { "/moves_used/1/start_time" }));
    }

    [Test]
    public async Task Validate_WhenSlotsOverlap_ReportsTheLaterSlotsStart()
    {
        var blueprint = Valid();
        Slot(blueprint, 1)["start_time"] = 2.0;
        Slot(blueprint, 1)["duration"] = 2.5;

        var result = await ValidateAsync(blueprint);

        Assert.That(result.Errors, Has.Count.EqualTo(1));
        Assert.That(result.Errors[0].Pointer, Is.EqualTo("/moves_used/1/start_time"));
        Assert.That(result.Errors[0].Message, Does.Contain("overlap"));
    }

    [Test]
    public async Task Validate_WhenSlotEndsAfterTheSong_ReportsDuration()
    {
        var blueprint = Valid();
        Slot(blueprint, 1)["duration"] = 3;

        var result = await ValidateAsync(blueprint);

        Assert.That(result.Errors.Select(e => e.Pointer), Is.EqualTo(new[] { "/moves_used/1/duration" }));
    }

    [TestCase(0)]
    [TestCase(2)]
    public async Task Validate_WhenSchemaVersionIsNotOne_ReportsUnsupportedVersion(int version)
    {
        var blueprint = Valid();
        blueprint["schema_version"] = version;

        var result = await ValidateAsync(blueprint);

        Assert.That(result.Errors, Is.EqualTo(new[] { new BlueprintError("/schema_version", "unsupported schema_version; this server reads version 1") }));
    }

    [Test]
    public async Task Validate_WhenDocumentIsOverTheSizeLimit_RejectsBeforeParsing()
    {
        var blueprint = Valid();
        Slot(blueprint, 0)["reasons"] = new JsonArray(Enumerable.Range(0, 1).Select(_ => (JsonNode)new string('x', BlueprintValidator.MaxBytes)).ToArray());

        var result = await ValidateAsync(blueprint);

        Assert.That(result.Errors, Has.Count.EqualTo(1));
        Assert.That(result.Errors[0].Pointer, Is.EqualTo(""));
        Assert.That(result.Errors[0].Message, Does.Contain("limit is 1048576"));
    }

    [Test]
    public async Task Validate_WhenFieldsAreMissingOrExtra_ReportsTheirObjects()
    {
        var blueprint = Valid();
        Slot(blueprint, 0).Remove("speed");
        blueprint["video_output"]!["path"] = "/tmp/out.mp4";

        var result = await ValidateAsync(blueprint);

        Assert.That(result.Errors.Select(e => e.Pointer), Does.Contain("/moves_used/0"));
        Assert.That(result.Errors.Select(e => e.Pointer), Has.Some.StartsWith("/video_output"));
    }

    [Test]
    public async Task Validate_WhenTextIsNotJson_ReportsTheDocument()
    {
        var result = await BlueprintValidator.ValidateAsync("{ \"task_id\": ", Catalog, CancellationToken.None);

        Assert.That(result.Errors.Single().Pointer, Is.EqualTo(""));
        Assert.That(result.Errors.Single().Message, Does.StartWith("not JSON"));
    }
}
