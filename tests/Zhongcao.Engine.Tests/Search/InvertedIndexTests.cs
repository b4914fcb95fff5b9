using Zhongcao.Engine.Search;

namespace Zhongcao.Engine.Tests.Search;

public sealed class InvertedIndexTests
{
    // Fresh instances of equal strings, as a tokenizer produces them.
    private static List<string> Terms(params string[] terms) => terms.Select(t => new string(t.AsSpan())).ToList();

    [Fact]
    public void Lengths_postings_and_removal_count_every_token_but_keep_each_term_once()
    {
        var index = new InvertedIndex();
        index.Set(1, Terms("lipstick", "review", "lipstick", "matte"));
        index.Set(2, Terms("lipstick", "swatch"));

        Assert.Equal(4, index.LengthOf(1));
        Assert.Equal(2, index.LengthOf(2));
        Assert.Equal(3.0, index.AverageLength);
        Assert.Equal([(1, 2), (2, 1)], index.Postings("lipstick"));

        index.Set(1, Terms("matte", "matte"));
        Assert.Equal(2, index.LengthOf(1));
        Assert.Equal([(2, 1)], index.Postings("lipstick"));
        Assert.Empty(index.Postings("review"));
        Assert.Equal([(1, 2)], index.Postings("matte"));

        index.Remove(1);
        Assert.Equal(0, index.LengthOf(1));
        Assert.Empty(index.Postings("matte"));
        Assert.Equal(1, index.DocumentCount);
        Assert.Equal(2.0, index.AverageLength);
    }
}
