namespace Zhongcao.Engine.Distribution;

/// <summary>
/// A note the allocator offers for one feed page: its source name ("pool:coldStart", "pool:expansion:2",
/// "pool:guarantee", "pool:sustained", "pool:evergreen", "pool:seasonal", "pool:resurface", "pool:live"),
/// its priority among pool candidates and, for the guarantee policy, the boost that places it on the page.
/// </summary>
public sealed record PoolCandidate(int NoteIndex, string Source, double Priority, double Boost, DistributionPolicy Policy);
