using Zhongcao.Engine.Personalization;

namespace Zhongcao.Engine.Tests.Personalization;

public sealed class TagListsTests
{
    /// <summary>Random growth and edits (longer, shorter, empty) read back as a list of arrays would, through compactions.</summary>
    [Fact]
    public void EditsReadBackLikeAnArrayPerNoteThroughCompaction()
    {
        var random = new Random(3);
        var lists = new TagLists();
        var reference = new List<int[]>();
        for (var step = 0; step < 60_000; step++)
        {
            if (reference.Count == 0 || random.Next(4) == 0)
            {
                reference.Add([]);
                lists.EnsureNotes(reference.Count);
            }

            var note = random.Next(reference.Count);
            var tags = Enumerable.Range(0, random.Next(TagLists.MaxTags + 1)).Select(_ => random.Next(100_000)).ToArray();
            reference[note] = tags;
            lists.Set(note, tags);
        }

        Assert.Equal(reference.Count, lists.Count);
        for (var n = 0; n < reference.Count; n++)
        {
            Assert.Equal(reference[n], lists[n].ToArray());
        }

        // Garbage is bounded: the arena stays within about 4/3 of the live ids plus a chunk.
        var live = reference.Sum(t => (long)t.Length);
        Assert.True(lists.ArenaInts <= (live * 4 / 3) + (2 * TagLists.ChunkSize), $"{lists.ArenaInts} ints for {live} tags");
        Assert.True(lists[reference.Count + 5].IsEmpty);
    }

    [Fact]
    public void MoreThanMaxTagsIsRefused()
    {
        var lists = new TagLists();
        lists.EnsureNotes(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => lists.Set(0, new int[TagLists.MaxTags + 1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => lists.Set(1, [1]));
    }
}
