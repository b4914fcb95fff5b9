using Zhongcao.Storage.Abstractions;
using Zhongcao.Storage.Memory;

namespace Zhongcao.Storage.Tests.Memory;

public class MemoryStoreContractTests : StoreContract
{
    protected override IStore CreateEmpty() => new MemoryStore();
}
