using System.Security.Cryptography;
using Gilgamesh.Modules.Kernel.Errors;
using Gilgamesh.Modules.Kernel.Storage;

namespace Gilgamesh.Tests.Kernel.Storage;

/// <summary>
/// What every <see cref="IObjectStore"/> backend must do. Each backend's fixture derives from this
/// and only says how to build the store.
/// </summary>
public abstract class ObjectStoreContract
{
    private protected IObjectStore Store = null!;
    private string _prefix = "";

    private protected abstract Task<IObjectStore> CreateStoreAsync();

    /// <summary>Backend-specific leftovers check after a failed put (the local backend's .tmp/).</summary>
    private protected virtual void AssertNoPartialUploadsRemain() { }

    [OneTimeSetUp]
    public async Task CreateStore() => Store = await CreateStoreAsync();

    // Every test writes under its own prefix so tests never see each other's objects.
    [SetUp]
    public void UniquePrefix() => _prefix = $"t-{Guid.NewGuid():N}/";

    private string Key(string name) => _prefix + name;

    [Test]
    public async Task Put_WhenStreamIsLarge_ComputesSha256WhileStreaming()
    {
        var data = TestBytes.Random(12 * 1024 * 1024 + 123); // several S3 parts, not a round number
        var stored = await Store.PutAsync(Key("big.bin"), TestBytes.Unseekable(data), "application/octet-stream");

        Assert.That(stored.Sha256Hex, Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(data))));
        Assert.That(stored.Size, Is.EqualTo(data.Length));
        var readBack = await TestBytes.ReadAllAsync(await Store.OpenReadAsync(Key("big.bin")));
        Assert.That(SHA256.HashData(readBack), Is.EqualTo(SHA256.HashData(data)));
    }

    [Test]
    public async Task Put_WhenStreamIsEmpty_StoresZeroByteObject()
    {
        var stored = await Store.PutAsync(Key("empty.txt"), TestBytes.Unseekable([]), "text/plain");

        Assert.That(stored.Size, Is.Zero);
        Assert.That(stored.Sha256Hex, Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(Array.Empty<byte>()))));
        Assert.That(await TestBytes.ReadAllAsync(await Store.OpenReadAsync(Key("empty.txt"))), Is.Empty);
    }

    [Test]
    public async Task Put_WhenKeyExists_ReadersSeeOldObjectUntilNewOneIsComplete()
    {
        var oldData = TestBytes.Random(100_000, seed: 1);
        var newData = TestBytes.Random(300_000, seed: 2);
        await Store.PutAsync(Key("v.bin"), TestBytes.Unseekable(oldData), null);

        var halfWay = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var resume = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var source = new InterruptingReadStream(newData, 150_000, async _ =>
        {
            halfWay.SetResult();
            await resume.Task;
        });
        var put = Store.PutAsync(Key("v.bin"), source, null);
        await halfWay.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var duringPut = await TestBytes.ReadAllAsync(await Store.OpenReadAsync(Key("v.bin")));
        resume.SetResult();
        await put;
        var afterPut = await TestBytes.ReadAllAsync(await Store.OpenReadAsync(Key("v.bin")));

        Assert.That(duringPut, Is.EqualTo(oldData));
        Assert.That(afterPut, Is.EqualTo(newData));
    }

    [Test]
    public async Task Put_WhenCancelledMidStream_LeavesNoObjectAndNoPartialFile()
    {
        var data = TestBytes.Random(2 * 1024 * 1024);
        using var cts = new CancellationTokenSource();
        var source = new InterruptingReadStream(data, 256 * 1024, _ =>
        {
            cts.Cancel();
            return Task.CompletedTask;
        });

        Assert.That(async () => await Store.PutAsync(Key("cancelled.bin"), source, null, cts.Token),
            Throws.InstanceOf<OperationCanceledException>());
        Assert.That(await Store.ExistsAsync(Key("cancelled.bin")), Is.False);
        AssertNoPartialUploadsRemain();
    }

    [TestCase(0, 9, TestName = "OpenRead_WhenRangeIsFirstBytes_ReturnsThoseBytes")]
    [TestCase(1000, 4999, TestName = "OpenRead_WhenRangeIsInTheMiddle_ReturnsThoseBytes")]
    [TestCase(9000, null, TestName = "OpenRead_WhenRangeIsOpenEnded_ReturnsRestOfObject")]
    [TestCase(9990, 20000, TestName = "OpenRead_WhenRangeEndIsPastObject_ClampsToLastByte")]
    public async Task OpenRead_WithRange_ReturnsExactlyTheRequestedBytes(long start, long? end)
    {
        var data = TestBytes.Random(10_000);
        await Store.PutAsync(Key("r.bin"), TestBytes.Unseekable(data), null);

        var bytes = await TestBytes.ReadAllAsync(await Store.OpenReadAsync(Key("r.bin"), ByteRange.From(start, end)));

        var last = (int)Math.Min(end ?? data.Length - 1, data.Length - 1);
        Assert.That(bytes, Is.EqualTo(data[(int)start..(last + 1)]));
    }

    [Test]
    public async Task OpenRead_WhenRangeIsSuffix_ReturnsLastBytes()
    {
        var data = TestBytes.Random(10_000);
        await Store.PutAsync(Key("s.bin"), TestBytes.Unseekable(data), null);

        var bytes = await TestBytes.ReadAllAsync(await Store.OpenReadAsync(Key("s.bin"), ByteRange.Last(500)));

        Assert.That(bytes, Is.EqualTo(data[^500..]));
    }

    [Test]
    public async Task OpenRead_WhenRangeStartsPastEnd_ThrowsRangeInvalid()
    {
        await Store.PutAsync(Key("short.bin"), TestBytes.Unseekable(TestBytes.Random(10)), null);

        var error = Assert.ThrowsAsync<GilgameshException>(async () => await Store.OpenReadAsync(Key("short.bin"), ByteRange.From(10)));

        Assert.That(error!.Code, Is.EqualTo(ErrorCodes.StorageRangeInvalid));
        Assert.That(error.StatusCode, Is.EqualTo(416));
    }

    [Test]
    public void OpenRead_WhenObjectIsMissing_ThrowsNotFound()
    {
        var error = Assert.ThrowsAsync<GilgameshException>(async () => await Store.OpenReadAsync(Key("missing.bin")));

        Assert.That(error!.Code, Is.EqualTo(ErrorCodes.StorageNotFound));
        Assert.That(error.StatusCode, Is.EqualTo(404));
    }

    [Test]
    public async Task StatExistsDelete_FollowTheObjectsLifecycle()
    {
        var key = Key("dir/life.txt");
        Assert.That(await Store.ExistsAsync(key), Is.False);
        Assert.That(await Store.StatAsync(key), Is.Null);

        var before = DateTimeOffset.UtcNow.AddMinutes(-1);
        await Store.PutAsync(key, TestBytes.Unseekable("hello"u8.ToArray()), "text/plain");
        var info = await Store.StatAsync(key);

        Assert.That(await Store.ExistsAsync(key), Is.True);
        Assert.That(info, Is.Not.Null);
        Assert.That(info!.Key, Is.EqualTo(key));
        Assert.That(info.Size, Is.EqualTo(5));
        Assert.That(info.ContentType, Is.EqualTo("text/plain"));
        Assert.That(info.LastModified, Is.GreaterThan(before).And.LessThan(DateTimeOffset.UtcNow.AddMinutes(1)));

        await Store.DeleteAsync(key);
        Assert.That(await Store.ExistsAsync(key), Is.False);
    }

    [Test]
    public void Delete_WhenObjectIsMissing_DoesNotThrow()
    {
        Assert.That(async () => await Store.DeleteAsync(Key("never/was/here.bin")), Throws.Nothing);
    }

    [Test]
    public async Task List_WithPrefix_ReturnsOnlyObjectsUnderIt()
    {
        foreach (var name in new[] { "a/1.bin", "a/2.bin", "a/sub/3.bin", "ab/4.bin", "b/5.bin" })
            await Store.PutAsync(Key(name), TestBytes.Unseekable(TestBytes.Random(7)), null);

        var underA = await ListKeysAsync(Key("a/"));
        var startingWithA = await ListKeysAsync(Key("a"));

        Assert.That(underA, Is.EquivalentTo(new[] { Key("a/1.bin"), Key("a/2.bin"), Key("a/sub/3.bin") }));
        Assert.That(startingWithA, Is.EquivalentTo(new[] { Key("a/1.bin"), Key("a/2.bin"), Key("a/sub/3.bin"), Key("ab/4.bin") }));
        Assert.That(await ListKeysAsync(Key("zzz/")), Is.Empty);
    }

    [TestCase("../x")]
    [TestCase("a/../../x")]
    [TestCase("/abs")]
    [TestCase("a\\b")]
    [TestCase("a\0b")]
    [TestCase("a//b")]
    [TestCase(".")]
    [TestCase("..")]
    [TestCase("a/")]
    [TestCase("")]
    [TestCase("white space")]
    [TestCase(".tmp/x")]
    public void AllOperations_WhenKeyCouldEscapeOrIsMalformed_RefuseWithKeyInvalid(string key)
    {
        var attempts = new Func<Task>[]
        {
            () => Store.PutAsync(key, new MemoryStream([1]), null),
            () => Store.OpenReadAsync(key),
            () => Store.StatAsync(key),
            () => Store.ExistsAsync(key),
            () => Store.DeleteAsync(key),
            () => Store.GetSignedUrlAsync(key, TimeSpan.FromMinutes(1)),
        };
        foreach (var attempt in attempts)
        {
            var error = Assert.ThrowsAsync<GilgameshException>(async () => await attempt());
            Assert.That(error!.Code, Is.EqualTo(ErrorCodes.StorageKeyInvalid));
            Assert.That(error.StatusCode, Is.EqualTo(400));
        }
    }

    [Test]
    public void Put_WhenKeyIsLongerThan512Chars_IsRefused()
    {
        var key = string.Join('/', Enumerable.Repeat(new string('k', 99), 6)); // 599 chars

        var error = Assert.ThrowsAsync<GilgameshException>(async () => await Store.PutAsync(key, new MemoryStream([1]), null));

        Assert.That(error!.Code, Is.EqualTo(ErrorCodes.StorageKeyInvalid));
    }

    private async Task<List<string>> ListKeysAsync(string prefix)
    {
        var keys = new List<string>();
        await foreach (var info in Store.ListAsync(prefix))
            keys.Add(info.Key);
        return keys;
    }
}
