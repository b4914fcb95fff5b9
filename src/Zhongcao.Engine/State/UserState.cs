using Zhongcao.Engine.Model;

namespace Zhongcao.Engine.State;

/// <summary>In-memory state of one user (as reader and as author).</summary>
public sealed class UserState
{
    internal UserState(int index, UserProfile profile)
    {
        Index = index;
        Profile = profile;
    }

    public int Index { get; }
    public UserProfile Profile { get; internal set; }

    /// <summary>Authors this user follows.</summary>
    public IntSet Following;

    /// <summary>Users following this user (only tested, counted and summed over, so kept sorted: see <see cref="SortedIntSet"/>).</summary>
    public SortedIntSet Followers;

    /// <summary>Notes this user has had an impression of (only tested and counted, so kept sorted).</summary>
    public SortedIntSet Seen;

    public IntSet Liked;
    public IntSet Saved;

    /// <summary>Notes the user marked "not interested".</summary>
    public IntSet NotInterested;

    /// <summary>Authors the user hid.</summary>
    public IntSet HiddenAuthors;

    // Most users author nothing: they share one empty list (never added to) until their first note.
    private static readonly List<int> NoNotes = [];

    /// <summary>Notes this user authored, in publish order (read only: the core state adds to it).</summary>
    public List<int> Notes { get; private set; } = NoNotes;

    internal void AddNote(int index)
    {
        if (ReferenceEquals(Notes, NoNotes))
        {
            Notes = new List<int>(4);
        }

        Notes.Add(index);
    }

    /// <summary>Number of engagement events this user produced.</summary>
    public long EventCount { get; internal set; }
}
