using Zhongcao.Engine.Log;
using Zhongcao.Engine.Model;
using Zhongcao.Engine.Modules;
using Zhongcao.Engine.Snapshots;
using Zhongcao.Engine.State;

namespace Zhongcao.Engine.Feed.Related;

/// <summary>
/// Who engaged with each note: the users whose current likes or saves include it (the core's per-user
/// <c>Liked</c>/<c>Saved</c> sets, inverted). Derived from the core alone, so the snapshot section is empty and
/// <see cref="Load"/> rebuilds it; an unlike or unsave removes the user unless the other still holds.
/// Memory: one compact <see cref="IntSet"/> per note in an array indexed by the note (8 bytes for a note nobody
/// engaged with, 4-14 bytes per member otherwise).
/// </summary>
public sealed class CoEngagementModule : IEngineModule
{
    private IntSet[] _engagedBy = [];

    /// <inheritdoc />
    public string Name => "coengagement";

    /// <inheritdoc />
    public int SnapshotVersion => 1;

    /// <summary>Users who like or saved a note (empty when none).</summary>
    public IReadOnlyCollection<int> EngagedBy(int note) =>
        note >= 0 && note < _engagedBy.Length && _engagedBy[note].Count > 0 ? new Members(_engagedBy[note]) : [];

    /// <inheritdoc />
    public void Apply(CoreState core, in SequencedEntry entry)
    {
        if (entry.Entry is EventRecorded { Event: { Type: EventType.Like or EventType.Unlike or EventType.Save or EventType.Unsave } e }
            && core.FindUser(e.UserId) is { } user && core.FindNote(e.NoteId) is { } note)
        {
            Update(user, note.Index);
        }
    }

    /// <inheritdoc />
    public void Save(BinaryEncoder writer)
    {
        // Nothing: rebuilt from the users' likes and saves on load.
    }

    /// <inheritdoc />
    public void Load(CoreState core, ref BinaryDecoder reader)
    {
        foreach (var user in core.Users)
        {
            foreach (var n in user.Liked.Items)
            {
                Update(user, n);
            }

            foreach (var n in user.Saved.Items)
            {
                Update(user, n);
            }
        }
    }

    private void Update(UserState user, int note)
    {
        if (user.Liked.Contains(note) || user.Saved.Contains(note))
        {
            if (note >= _engagedBy.Length)
            {
                Array.Resize(ref _engagedBy, Math.Max(note + 1, _engagedBy.Length + (_engagedBy.Length / 2) + 16));
            }

            _engagedBy[note].Add(user.Index);
        }
        else if (note < _engagedBy.Length)
        {
            _engagedBy[note].Remove(user.Index);
        }
    }

    /// <summary>A read-only view of one note's members (enumerates as the set does).</summary>
    private sealed class Members(IntSet set) : IReadOnlyCollection<int>
    {
        public int Count => set.Count;

        public IEnumerator<int> GetEnumerator() => set.Items.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
