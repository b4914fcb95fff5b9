using System.Collections.Concurrent;
using Zhongcao.Engine.Identity;
using Zhongcao.Engine.Log;
using Zhongcao.Engine.Model;

namespace Zhongcao.Engine.State;

/// <summary>
/// The platform's core state: users, follows, notes, seen sets, counters and the idempotency set.
/// Mutated only by <see cref="Apply"/> (single writer); read under the engine's read lock.
/// </summary>
public sealed partial class CoreState
{
    private readonly List<UserState> _users = [];
    private readonly List<NoteState> _notes = [];
    private readonly Dictionary<string, List<int>> _notesByTag = new(StringComparer.Ordinal);

    // One string instance per distinct tag, language and region: every note's Tags array and every profile
    // refer to it instead of holding its own copy (a freshly normalised tag per note, a decoded string per
    // profile after a snapshot load: at a million users and notes, hundreds of megabytes of duplicates).
    private readonly HashSet<string> _shared = new(StringComparer.Ordinal);

    // One array per distinct list of image items (see Compact).
    private readonly HashSet<MediaItem[]> _sharedMedia = new(MediaListComparer.Instance);

    // The shared '#' + tag instance of each tag some note's HashtagList holds (read by readers outside the lock:
    // the items of a note response are enumerated as it is written).
    private readonly ConcurrentDictionary<string, string> _hashtags = new(StringComparer.Ordinal);

    // One instance per distinct sponsorship (brand and channel).
    private readonly HashSet<Sponsorship> _sponsorships = [];

    // One array per distinct interest list (see SharedArray).
    private readonly HashSet<string[]> _sharedLists = new(StringListComparer.Instance);

    // Note bodies, and profiles' display names and bios, packed into compressed blocks (see TextBlocks): read
    // only when a note or profile is fetched, indexed or saved, never on the feed path.
    private readonly TextBlocks _bodies = new();
    private readonly TextBlocks _profileTexts = new();

    // Titles, and display names, bios and bodies too short for a block, packed into shared chunks (see TextArena):
    // titles are read for the items of a feed page, not for its candidates.
    private readonly TextArena _shortTexts = new();

    public IdMap UserIds { get; } = new();
    public IdMap NoteIds { get; } = new();
    public EventIdSet EventIds { get; } = new();

    /// <summary>Total engagement events applied.</summary>
    public long EventCount { get; private set; }

    public int UserCount => _users.Count;
    public int NoteCount => _notes.Count;

    public IReadOnlyList<UserState> Users => _users;
    public IReadOnlyList<NoteState> Notes => _notes;

    public UserState? FindUser(string id) => UserIds.TryGet(id, out var i) ? _users[i] : null;

    public NoteState? FindNote(string id) => NoteIds.TryGet(id, out var i) ? _notes[i] : null;

    public UserState User(int index) => _users[index];

    public NoteState Note(int index) => _notes[index];

    /// <summary>Note indexes carrying a tag, in publish order (ascending index).</summary>
    public IReadOnlyList<int> NotesWithTag(string tag) =>
        _notesByTag.TryGetValue(tag, out var list) ? list : [];

    /// <summary>Normalises a hashtag or interest into a tag key: trimmed, without '#', lower case (invariant).</summary>
    public static string NormalizeTag(string value)
    {
        var span = value.AsSpan().Trim();
        while (span.Length > 0 && (span[0] == '#' || span[0] == '＃'))
        {
            span = span[1..];
        }

        // Xiaohongshu's "#话题[话题]#" form: keep the topic before the bracket.
        var bracket = span.IndexOf('[');
        if (bracket > 0)
        {
            span = span[..bracket];
        }

        span = span.TrimEnd('#').Trim();
        return span.ToString().ToLowerInvariant();
    }

    /// <summary>
    /// Whether the last entry applied was a repeat that every module must skip too: an event id already
    /// accepted, or a publish of a note id that already exists together with the assessment written with it.
    /// </summary>
    public bool LastEntrySkipped { get; private set; }

    // The last skipped repeat publish. Not snapshotted: a publish and its assessment are one atomic write, and
    // snapshots are taken between writes.
    private (long Sequence, string NoteId) _repeatPublish = (long.MinValue, "");

    /// <summary>Applies one log entry. Deterministic: depends only on the entry and the current state.</summary>
    public void Apply(in SequencedEntry sequenced)
    {
        var entry = sequenced.Entry;
        LastEntrySkipped = false;
        switch (entry)
        {
            case EventRecorded e:
                ApplyEvent(e.Event, e.At);
                LastEntrySkipped = LastEventWasDuplicate;
                break;
            case UserUpserted u:
                ApplyUser(u.User, u.At);
                break;
            case FollowChanged f:
                ApplyFollow(f.UserId, f.AuthorId, f.Following);
                break;
            case NotePublished p:
                if (NoteIds.TryGet(p.Note.Id, out _))
                {
                    // Two nodes admitted the same client-chosen note id; the first in log order wins everywhere.
                    LastEntrySkipped = true;
                    _repeatPublish = (sequenced.Sequence, p.Note.Id);
                    break;
                }

                ApplyPublish(p.Note);
                break;
            case NoteEdited ed:
                ApplyEdit(ed.Note);
                break;
            case NoteAssessed a:
                if (a.NoteVersion == 1 && sequenced.Sequence == _repeatPublish.Sequence + 1 && a.NoteId == _repeatPublish.NoteId)
                {
                    // The gate's decision written with a skipped repeat publish (one atomic write, so adjacent).
                    LastEntrySkipped = true;
                    break;
                }

                ApplyAssessment(a);
                break;
            case NoteDeleted d:
                if (FindNote(d.NoteId) is { Deleted: false } deleted)
                {
                    deleted.DeletedAt = d.At;
                }

                break;
        }
    }

    private void ApplyUser(UserProfile profile, DateTimeOffset at)
    {
        var index = UserIds.GetOrAdd(profile.Id);
        if (index == _users.Count)
        {
            _users.Add(new UserState(index, SharedStrings(profile) with { CreatedAt = at, UpdatedAt = at }));
        }
        else
        {
            var existing = _users[index];
            existing.Profile = SharedStrings(profile) with { CreatedAt = existing.Profile.CreatedAt, UpdatedAt = at };
        }
    }

    private void ApplyFollow(string userId, string authorId, bool following)
    {
        if (!UserIds.TryGet(userId, out var u) || !UserIds.TryGet(authorId, out var a) || u == a)
        {
            return;
        }

        if (following)
        {
            _users[u].Following.Add(a);
            _users[a].Followers.Add(u);
        }
        else
        {
            _users[u].Following.Remove(a);
            _users[a].Followers.Remove(u);
        }
    }

    private void ApplyPublish(Note note)
    {
        if (!UserIds.TryGet(note.AuthorId, out var author) || NoteIds.TryGet(note.Id, out _))
        {
            return;
        }

        var index = NoteIds.GetOrAdd(note.Id);
        note = Compact(note, author);
        var state = new NoteState(index, note, author) { Tags = TagsOf(note) };
        _notes.Add(state);
        _users[author].AddNote(index);
        foreach (var tag in state.Tags)
        {
            AddToTag(tag, index);
        }
    }

    private void ApplyAssessment(NoteAssessed a)
    {
        // An assessment of an older version (an edit raced the gate) is ignored.
        if (FindNote(a.NoteId) is not { } state || a.NoteVersion != state.Version)
        {
            return;
        }

        state.Assessment = a.Assessment;
        Retag(state, TagsOf(state.Note, a.Assessment));
    }

    private void ApplyEdit(Note note)
    {
        if (FindNote(note.Id) is not { } state)
        {
            return;
        }

        // An edit invalidates the previous assessment until the gate assesses the new version.
        state.Assessment = null;
        state.Note = Compact(note, state.AuthorIndex) with { CreatedAt = state.Note.CreatedAt };
        state.Version++;
        Retag(state, TagsOf(state.Note));
    }

    private void Retag(NoteState state, string[] newTags)
    {
        foreach (var tag in state.Tags)
        {
            if (Array.IndexOf(newTags, tag) < 0 && _notesByTag.TryGetValue(tag, out var list))
            {
                var at = list.BinarySearch(state.Index);
                if (at >= 0)
                {
                    list.RemoveAt(at);
                }
            }
        }

        foreach (var tag in newTags)
        {
            if (Array.IndexOf(state.Tags, tag) < 0)
            {
                AddToTag(tag, state.Index);
            }
        }

        state.Tags = newTags;
    }

    private void AddToTag(string tag, int index)
    {
        if (!_notesByTag.TryGetValue(tag, out var list))
        {
            list = [];
            _notesByTag.Add(tag, list);
        }

        var at = list.BinarySearch(index);
        if (at < 0)
        {
            list.Insert(~at, index);
        }
    }

    /// <summary>A note's index keys: its hashtags, then the gate's categories and tags when assessed.</summary>
    private string[] TagsOf(Note note, NoteAssessment? assessment = null)
    {
        var tags = new List<string>(note.Hashtags.Count + (assessment?.Categories.Count ?? 0) + (assessment?.Tags.Count ?? 0));
        AddTags(tags, note.Hashtags);
        if (assessment is not null)
        {
            AddTags(tags, assessment.Categories);
            AddTags(tags, assessment.Tags);
        }

        // Hashtags already in normal form (as clients mostly send them) give the very same list: the note's
        // own array serves as its tag list too, one array per note instead of two.
        if (note.Hashtags is string[] own && SameItems(own, tags))
        {
            return own;
        }

        if (note.Hashtags is HashtagList list && SameItems(list.Tags, tags))
        {
            return list.Tags;
        }

        return SharedArray(tags);
    }

    private static bool SameItems(string[] array, List<string> list)
    {
        if (array.Length != list.Count)
        {
            return false;
        }

        for (var i = 0; i < array.Length; i++)
        {
            if (!string.Equals(array[i], list[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The one shared instance of a string equal to <paramref name="value"/>.</summary>
    private string Shared(string value)
    {
        if (_shared.TryGetValue(value, out var shared))
        {
            return shared;
        }

        _shared.Add(value);
        return value;
    }

    /// <summary>
    /// A profile whose short repeated strings are the shared instances and whose display name and bio are packed
    /// into the text blocks (values unchanged).
    /// </summary>
    private UserProfile SharedStrings(UserProfile profile) =>
        profile with
        {
            Language = Shared(profile.Language),
            Region = Shared(profile.Region),
            Interests = SharedArray(profile.Interests, shareList: true),
            DisplayNameText = Pack(_profileTexts, profile.DisplayName),
            BioText = Pack(_profileTexts, profile.Bio),
        };

    /// <summary>
    /// The note as kept in memory (values unchanged): the author id is the author's own id instance, the
    /// language, hashtags and sponsorship strings are the shared instances, the title is packed into the short-text
    /// arena and the body into the text blocks, and a media list of images only
    /// is the one shared array with the same items (carousels mostly repeat one size; a video's duration
    /// makes its list unique, so those are kept as they are, trimmed to an array).
    /// </summary>
    private Note Compact(Note note, int author) =>
        note with
        {
            AuthorId = _users[author].Profile.Id,
            Language = Shared(note.Language),
            Hashtags = CompactHashtags(note.Hashtags),
            Media = SharedMedia(note.Media),
            Sponsorship = note.Sponsorship is { } s ? SharedSponsorship(s) : null,
            TitleText = _shortTexts.Add(note.Title),
            BodyText = Pack(_bodies, note.Body),
        };

    /// <summary>
    /// The hashtags as kept: when each is '#' and its normal form, all distinct (as clients mostly send them), the
    /// shared tag strings in one array behind a <see cref="HashtagList"/>, which the note's tag list then reuses;
    /// otherwise an array of the shared hashtag strings.
    /// </summary>
    private IReadOnlyList<string> CompactHashtags(IReadOnlyList<string> hashtags)
    {
        if (hashtags.Count == 0)
        {
            return [];
        }

        var tags = new string[hashtags.Count];
        for (var i = 0; i < tags.Length; i++)
        {
            var h = hashtags[i];
            var tag = NormalizeTag(h);
            if (tag.Length == 0 || h.Length != tag.Length + 1 || h[0] != '#' || !h.AsSpan(1).SequenceEqual(tag)
                || Array.IndexOf(tags, tag, 0, i) >= 0)
            {
                return SharedArray(hashtags);
            }

            tags[i] = Shared(tag);
        }

        for (var i = 0; i < tags.Length; i++)
        {
            if (!_hashtags.ContainsKey(tags[i]))
            {
                _hashtags.TryAdd(tags[i], Shared(hashtags[i]));
            }
        }

        return new HashtagList(tags, _hashtags);
    }

    /// <summary>The one shared instance of a sponsorship (brands and channels repeat across many notes).</summary>
    private Sponsorship SharedSponsorship(Sponsorship s)
    {
        if (_sponsorships.TryGetValue(s, out var shared))
        {
            return shared;
        }

        shared = new Sponsorship(Shared(s.BrandId), Shared(s.Channel));
        _sponsorships.Add(shared);
        return shared;
    }

    /// <summary>A text in a compressed block, or in the short-text arena when it is too short for one.</summary>
    private CompactText Pack(TextBlocks blocks, string text) =>
        text.Length < TextBlocks.MinChars ? _shortTexts.Add(text) : blocks.Add(text);

    /// <summary>
    /// An array of the shared instances of <paramref name="values"/>; with <paramref name="shareList"/>, the one
    /// shared array equal to it item by item. Users' interest lists repeat (picked from the category list), so
    /// they are shared; notes' hashtag and tag lists are mostly distinct combinations, for which a table entry
    /// would cost more than it saves.
    /// </summary>
    private string[] SharedArray(IReadOnlyList<string> values, bool shareList = false)
    {
        if (values.Count == 0)
        {
            return [];
        }

        var result = new string[values.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = Shared(values[i]);
        }

        if (!shareList)
        {
            return result;
        }

        if (_sharedLists.TryGetValue(result, out var shared))
        {
            return shared;
        }

        _sharedLists.Add(result);
        return result;
    }

    /// <summary>Equality of string lists by their items (ordinal).</summary>
    private sealed class StringListComparer : IEqualityComparer<string[]>
    {
        public static readonly StringListComparer Instance = new();

        public bool Equals(string[]? x, string[]? y)
        {
            if (ReferenceEquals(x, y))
            {
                return true;
            }

            if (x is null || y is null || x.Length != y.Length)
            {
                return false;
            }

            for (var i = 0; i < x.Length; i++)
            {
                if (!string.Equals(x[i], y[i], StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }

        public int GetHashCode(string[] obj)
        {
            var hash = new HashCode();
            foreach (var v in obj)
            {
                hash.Add(v, StringComparer.Ordinal);
            }

            return hash.ToHashCode();
        }
    }

    private MediaItem[] SharedMedia(IReadOnlyList<MediaItem> media)
    {
        if (media.Count == 0)
        {
            return [];
        }

        var items = media as MediaItem[] ?? [.. media];
        foreach (var m in items)
        {
            if (m.DurationMs != 0)
            {
                return items;
            }
        }

        if (_sharedMedia.TryGetValue(items, out var shared))
        {
            return shared;
        }

        _sharedMedia.Add(items);
        return items;
    }

    /// <summary>Equality of media lists by their items.</summary>
    private sealed class MediaListComparer : IEqualityComparer<MediaItem[]>
    {
        public static readonly MediaListComparer Instance = new();

        public bool Equals(MediaItem[]? x, MediaItem[]? y) =>
            ReferenceEquals(x, y) || (x is not null && y is not null && x.AsSpan().SequenceEqual(y));

        public int GetHashCode(MediaItem[] obj)
        {
            var hash = new HashCode();
            hash.Add(obj.Length);
            foreach (var m in obj)
            {
                hash.Add(m);
            }

            return hash.ToHashCode();
        }
    }

    private static void AddTags(List<string> tags, IReadOnlyList<string> values)
    {
        foreach (var h in values)
        {
            var t = NormalizeTag(h);
            if (t.Length > 0 && !tags.Contains(t))
            {
                tags.Add(t);
            }
        }
    }
}
