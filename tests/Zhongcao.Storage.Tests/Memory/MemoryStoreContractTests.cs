using Zhongcao.Storage.Abstractions;
using Zhongcao.Storage.Memory;

namespace Zhongcao.Storage.Tests.Memory;

public class MemoryStoreContractTests : StoreContract
{
    protected override IStore CreateEmpty() => new MemoryStore();

    protected override IStore CreateWithTinySnapshotChunks() => new MemoryStore(snapshotChunkBytes: 7);

    protected override void DamageSnapshot(IStore store, long position)
    {
        var memory = (MemoryStore)store;
        memory.DamageSnapshot(position, memory.SnapshotChunkCount(position) / 2, 3);
    }

    [Fact]
    public void A_snapshot_is_kept_as_chunks_of_the_configured_size()
    {
        using var store = new MemoryStore(snapshotChunkBytes: 10);
        store.Snapshots.Save(3, new byte[95]);

        Assert.Equal(10, store.SnapshotChunkCount(3));
        Assert.Equal(95, store.Snapshots.List().Single().ReadAll().Length);
    }
}
