using Zhongcao.Engine.Log;
using Zhongcao.Engine.Snapshots;
using Zhongcao.Engine.State;

namespace Zhongcao.Engine.Modules;

/// <summary>
/// A part of the engine that keeps state of its own (e.g. traffic pools, profiles, governance) derived
/// from the log. Modules are applied after the core state, in registration order, and each saves a
/// named, versioned snapshot section. Like the core, <see cref="Apply"/> must be deterministic.
/// </summary>
public interface IEngineModule
{
    /// <summary>Stable name, used as the snapshot section key and in metrics.</summary>
    string Name { get; }

    /// <summary>Layout version of this module's snapshot section; a mismatch on load forces a full replay.</summary>
    int SnapshotVersion { get; }

    void Apply(CoreState core, in SequencedEntry entry);

    void Save(BinaryEncoder writer);

    void Load(CoreState core, ref BinaryDecoder reader);
}
