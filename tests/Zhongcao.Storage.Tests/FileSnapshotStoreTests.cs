using Zhongcao.Storage.Abstractions;
using Zhongcao.Storage.Tests.Support;

using Zhongcao.Tests.Shared;

namespace Zhongcao.Storage.Tests;

public sealed class FileSnapshotStoreTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static byte[] Content(int seed) => Enumerable.Range(0, 64).Select(i => (byte)(i * seed)).ToArray();

    [Fact]
    public void Only_the_two_newest_snapshots_are_kept()
    {
        var store = new FileSnapshotStore(_dir.Path);
        store.Save(10, Content(1));
        store.Save(20, Content(2));
        store.Save(30, Content(3));

        var list = store.List();

        Assert.Equal([30L, 20L], list.Select(s => s.Position));
        Assert.Equal(Content(3), list[0].ReadAll());
        Assert.Equal(Content(2), list[1].ReadAll());
        Assert.Equal(2, Directory.GetFiles(_dir.Path).Length);
    }

    [Fact]
    public void A_snapshot_with_one_flipped_byte_fails_its_checksum()
    {
        var store = new FileSnapshotStore(_dir.Path);
        store.Save(7, Content(5));
        var file = Directory.GetFiles(_dir.Path).Single();
        var bytes = File.ReadAllBytes(file);
        bytes[10] ^= 0x01;
        File.WriteAllBytes(file, bytes);

        var loader = store.List().Single().Open;

        Assert.Throws<InvalidDataException>(() => loader());
    }

    [Fact]
    public void A_truncated_snapshot_is_reported_as_invalid_data()
    {
        var store = new FileSnapshotStore(_dir.Path);
        store.Save(7, Content(5));
        var file = Directory.GetFiles(_dir.Path).Single();
        File.WriteAllBytes(file, File.ReadAllBytes(file).AsSpan(0, 20).ToArray());

        Assert.Throws<InvalidDataException>(() => store.List().Single().ReadAll());
    }

    [Fact]
    public void Leftover_temporary_and_foreign_files_are_not_listed()
    {
        var store = new FileSnapshotStore(_dir.Path);
        store.Save(3, Content(1));
        File.WriteAllBytes(_dir.File("snapshot-00000000000000000009.zcs.tmp"), [1, 2]);
        File.WriteAllBytes(_dir.File("snapshot-notanumber.zcs"), [1, 2]);
        File.WriteAllText(_dir.File("readme.txt"), "hi");

        Assert.Equal([3L], store.List().Select(s => s.Position));
    }

    [Fact]
    public void Saving_the_same_position_again_keeps_the_stored_snapshot()
    {
        var store = new FileSnapshotStore(_dir.Path);
        Assert.True(store.Save(3, Content(1)));
        Assert.False(store.Save(3, Content(2)));

        var only = Assert.Single(store.List());
        Assert.Equal(Content(1), only.ReadAll());
    }

    [Fact]
    public void A_damaged_snapshot_is_replaced_when_the_same_position_is_saved_again()
    {
        var store = new FileSnapshotStore(_dir.Path);
        store.Save(3, Content(1));
        var file = Directory.GetFiles(_dir.Path).Single();
        var bytes = File.ReadAllBytes(file);
        bytes[5] ^= 0x01;
        File.WriteAllBytes(file, bytes);

        Assert.True(store.Save(3, Content(2)));

        Assert.Equal(Content(2), Assert.Single(store.List()).ReadAll());
    }

    [Fact]
    public void A_temporary_file_left_by_a_crash_is_removed_when_the_store_opens_again()
    {
        var store = new FileSnapshotStore(_dir.Path);
        var write = store.BeginSave(9)!;
        write.Content.Write(Content(1));
        // The process dies here: no commit, no dispose.
        var temp = Assert.Single(Directory.GetFiles(_dir.Path));
        Assert.EndsWith(".tmp", temp);
        Assert.Empty(store.List());
        write.Dispose(); // (releases the handle so the reopened store can delete the file on any platform)
        File.WriteAllBytes(temp, Content(1));

        var reopened = new FileSnapshotStore(_dir.Path);

        Assert.Empty(Directory.GetFiles(_dir.Path));
        Assert.Empty(reopened.List());
        Assert.True(reopened.Save(9, Content(2)));
    }

    [Fact]
    public void The_folder_is_created_when_missing()
    {
        var folder = Path.Combine(_dir.Path, "nested", "snapshots");
        var store = new FileSnapshotStore(folder);
        store.Save(1, Content(1));

        Assert.True(Directory.Exists(folder));
        Assert.Single(store.List());
    }
}
