using Zhongcao.Engine.State;

namespace Zhongcao.Engine.Feed;

/// <summary>The default: nothing is suppressed.</summary>
public sealed class NoSuppression : IContentSuppression
{
    /// <summary>The shared instance.</summary>
    public static readonly NoSuppression Instance = new();

    /// <inheritdoc />
    public bool IsSuppressed(NoteState note) => false;

    /// <inheritdoc />
    public string? SearchNotice(string query) => null;
}
