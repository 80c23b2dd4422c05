using Gilgamesh.Modules.Encode;
using Gilgamesh.Modules.Encode.Libraries;
using Gilgamesh.Modules.Kernel.Errors;
using Gilgamesh.Modules.Kernel.Hosting;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Encode;

public class FolderPolicyTests
{
    [Test]
    public void Require_WhenFolderIsOutsideTheRoots_RefusesWithCode()
    {
        using var root = new TempDirectory("gilgamesh-root");
        using var elsewhere = new TempDirectory("gilgamesh-elsewhere");
        var policy = new FolderPolicy(new EncodeOptions { Roots = [root.Path] }, new GilgameshOptions());

        var error = Assert.Throws<GilgameshException>(() => policy.Require(elsewhere.Path, "folders[0]"))!;

        Assert.That((error.Code, error.StatusCode), Is.EqualTo(("encode.folder_outside_roots", 400)));
    }

    [Test]
    public void Require_WhenFolderUnderTheRootIsASymlinkOut_RefusesWithCode()
    {
        using var root = new TempDirectory("gilgamesh-root");
        using var elsewhere = new TempDirectory("gilgamesh-elsewhere");
        var link = root.Combine("looks-inside");
        Directory.CreateSymbolicLink(link, elsewhere.Path);
        var policy = new FolderPolicy(new EncodeOptions { Roots = [root.Path] }, new GilgameshOptions());

        var error = Assert.Throws<GilgameshException>(() => policy.Require(link, "folders[0]"))!;
        var dotDot = Assert.Throws<GilgameshException>(() => policy.Require(root.Combine("..", Path.GetFileName(elsewhere.Path)), "folders[0]"))!;

        Assert.That(error.Code, Is.EqualTo("encode.folder_symlink_escape"));
        Assert.That(dotDot.Code, Is.EqualTo("encode.folder_outside_roots"));
    }

    [Test]
    public void Require_WhenNoRootsConfigured_AcceptsFoldersUnderDataDirLibraries()
    {
        using var data = new TempDirectory("gilgamesh-data");
        var inside = Directory.CreateDirectory(data.Combine("libraries", "films")).FullName;
        var policy = new FolderPolicy(new EncodeOptions(), new GilgameshOptions { DataDir = data.Path });

        Assert.That(policy.Require(inside, "folders[0]"), Is.EqualTo(inside));
        Assert.That(() => policy.Require(data.Path, "folders[0]"), Throws.TypeOf<GilgameshException>());
    }
}
