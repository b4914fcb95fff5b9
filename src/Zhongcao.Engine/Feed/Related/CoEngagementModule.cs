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
/// </summary>
public sealed class CoEngagementModule : IEngineModule
{
    private readonly Dictionary<int, HashSet<int>> _engagedBy = [];

    /// <inheritdoc />
    public string Name => "coengagement";

    /// <inheritdoc />
    public int SnapshotVersion => 1;

    /// <summary>Users who like or saved a note (empty when none).</summary>
    public IReadOnlyCollection<int> EngagedBy(int note) => _engagedBy.TryGetValue(note, out var set) ? set : [];

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
            if (!_engagedBy.TryGetValue(note, out var set))
            {
                set = [];
                _engagedBy.Add(note, set);
            }

            set.Add(user.Index);
        }
        else if (_engagedBy.TryGetValue(note, out var set))
        {
            set.Remove(user.Index);
        }
    }
}
