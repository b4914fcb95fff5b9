using System.Collections;
using System.Collections.Concurrent;

namespace Zhongcao.Engine.State;

/// <summary>
/// A note's hashtags held as its normalised tags: for the common case where every hashtag is '#' followed by its
/// normal form (see <see cref="CoreState.NormalizeTag"/>), all distinct, the core state keeps only the tag array
/// (which is also the note's <see cref="NoteState.Tags"/> until an assessment adds tags), and this view reads each
/// hashtag as the state's one shared instance of '#' and the tag. One array and a small object per note instead of
/// two arrays.
/// </summary>
internal sealed class HashtagList(string[] tags, ConcurrentDictionary<string, string> hashtags) : IReadOnlyList<string>
{
    /// <summary>The normalised tags, in hashtag order.</summary>
    public string[] Tags { get; } = tags;

    public int Count => Tags.Length;

    // Every tag was entered before the list was handed out; the fallback only guards against a missing entry.
    public string this[int index] => hashtags.TryGetValue(Tags[index], out var h) ? h : "#" + Tags[index];

    public IEnumerator<string> GetEnumerator()
    {
        for (var i = 0; i < Tags.Length; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
