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

    /// <summary>Users following this user.</summary>
    public IntSet Followers;

    /// <summary>Notes this user has had an impression of.</summary>
    public IntSet Seen;

    public IntSet Liked;
    public IntSet Saved;

    /// <summary>Notes the user marked "not interested".</summary>
    public IntSet NotInterested;

    /// <summary>Authors the user hid.</summary>
    public IntSet HiddenAuthors;

    /// <summary>Notes this user authored, in publish order.</summary>
    public List<int> Notes { get; } = [];

    /// <summary>Number of engagement events this user produced.</summary>
    public long EventCount { get; internal set; }
}
