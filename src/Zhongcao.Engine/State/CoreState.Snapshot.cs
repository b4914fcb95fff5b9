using Zhongcao.Engine.Log;
using Zhongcao.Engine.Snapshots;

namespace Zhongcao.Engine.State;

public sealed partial class CoreState
{
    /// <summary>Snapshot layout version of the core section.</summary>
    public const int SnapshotVersion = 2;

    /// <summary>
    /// Writes the core state. Derived indexes (tag lists, author note lists) are not written: they are
    /// rebuilt on load from the notes, in index order, which reproduces them exactly.
    /// </summary>
    // Snapshot writing runs rarely but long: compiled optimised at once instead of starting at tier 0.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal void Save(BinaryEncoder w)
    {
        w.WriteVarInt(EventCount);
        w.WriteVarUInt((ulong)_users.Count);
        foreach (var u in _users)
        {
            LogCodec.WriteUser(w, u.Profile);
            u.Following.Save(w);
            u.Followers.Save(w);
            u.Seen.Save(w);
            u.Liked.Save(w);
            u.Saved.Save(w);
            u.NotInterested.Save(w);
            u.HiddenAuthors.Save(w);
            w.WriteVarInt(u.EventCount);
        }

        w.WriteVarUInt((ulong)_notes.Count);
        foreach (var n in _notes)
        {
            LogCodec.WriteNote(w, n.Note);
            w.WriteVarInt(n.Version);
            w.WriteBool(n.DeletedAt is not null);
            if (n.DeletedAt is { } deletedAt)
            {
                w.WriteTime(deletedAt);
            }

            n.Counters.Save(w);
            w.WriteBool(n.Assessment is not null);
            if (n.Assessment is not null)
            {
                LogCodec.WriteAssessment(w, n.Assessment);
            }
        }

        EventIds.Save(w);
    }

    internal void Load(ref BinaryDecoder r)
    {
        if (_users.Count > 0 || _notes.Count > 0)
        {
            throw new InvalidOperationException("A snapshot can only be loaded into an empty state.");
        }

        EventCount = r.ReadVarInt();
        var userCount = r.ReadCount();
        for (var i = 0; i < userCount; i++)
        {
            var profile = SharedStrings(LogCodec.ReadUser(ref r));
            var index = UserIds.GetOrAdd(profile.Id);
            var u = new UserState(index, profile);
            u.Following.Load(ref r);
            u.Followers.Load(ref r);
            u.Seen.Load(ref r);
            u.Liked.Load(ref r);
            u.Saved.Load(ref r);
            u.NotInterested.Load(ref r);
            u.HiddenAuthors.Load(ref r);
            u.EventCount = r.ReadVarInt();
            _users.Add(u);
        }

        var noteCount = r.ReadCount();
        for (var i = 0; i < noteCount; i++)
        {
            var note = LogCodec.ReadNote(ref r);
            var index = NoteIds.GetOrAdd(note.Id);
            var author = UserIds.GetOrAdd(note.AuthorId);
            note = Compact(note, author);
            var n = new NoteState(index, note, author) { Version = r.ReadVarInt32() };
            if (r.ReadBool())
            {
                n.DeletedAt = r.ReadTime();
            }

            n.MutableCounters.Load(ref r);
            n.Assessment = r.ReadBool() ? LogCodec.ReadAssessment(ref r) : null;
            n.Tags = TagsOf(note, n.Assessment);
            _notes.Add(n);
            _users[author].AddNote(index);
            foreach (var tag in n.Tags)
            {
                AddToTag(tag, index);
            }
        }

        EventIds.Load(ref r);
    }
}
