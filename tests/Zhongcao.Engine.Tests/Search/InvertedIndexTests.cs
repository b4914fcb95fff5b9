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
        var first = Terms("lipstick", "review", "lipstick", "matte");
        index.Update(1, null, first);
        index.Update(2, null, Terms("lipstick", "swatch"));

        Assert.Equal(4, index.LengthOf(1));
        Assert.Equal(2, index.LengthOf(2));
        Assert.Equal(3.0, index.AverageLength);
        Assert.Equal([(1, 2), (2, 1)], index.Postings("lipstick"));

        var second = Terms("matte", "matte");
        index.Update(1, first, second);
        Assert.Equal(2, index.LengthOf(1));
        Assert.Equal([(2, 1)], index.Postings("lipstick"));
        Assert.Empty(index.Postings("review"));
        Assert.Equal([(1, 2)], index.Postings("matte"));

        index.Update(1, second, null);
        Assert.Equal(0, index.LengthOf(1));
        Assert.Empty(index.Postings("matte"));
        Assert.Equal(1, index.DocumentCount);
        Assert.Equal(2.0, index.AverageLength);
    }

    [Fact]
    public void Compressed_postings_match_a_plain_model_through_random_inserts_edits_and_removals()
    {
        // Enough documents per term to fill, split and empty blocks, with re-indexing in the middle of them,
        // large gaps (varints of several bytes) and term frequencies above one.
        var random = new Random(7);
        var vocabulary = Enumerable.Range(0, 12).Select(i => "t" + i).ToArray();
        var index = new InvertedIndex();
        var model = new Dictionary<int, List<string>>();
        for (var step = 0; step < 6_000; step++)
        {
            var note = random.Next(3) == 0 ? random.Next(100_000) : random.Next(800);
            model.TryGetValue(note, out var previous);
            List<string>? terms = null;
            if (random.Next(6) > 0)
            {
                terms = [];
                var count = random.Next(0, 8);
                for (var k = 0; k < count; k++)
                {
                    // Skewed: a few terms are in most documents, some repeat many times.
                    var term = vocabulary[Math.Min(random.Next(12), random.Next(12))];
                    var repeats = random.Next(10) == 0 ? random.Next(2, 300) : 1;
                    terms.AddRange(Enumerable.Repeat(term, repeats));
                }
            }

            index.Update(note, previous, terms);
            if (terms is null)
            {
                model.Remove(note);
            }
            else
            {
                model[note] = terms;
            }
        }

        Assert.Equal(model.Count, index.DocumentCount);
        Assert.Equal(model.Values.Sum(t => t.Count) / (double)model.Count, index.AverageLength, 9);
        foreach (var (note, terms) in model)
        {
            Assert.Equal(terms.Count, index.LengthOf(note));
        }

        foreach (var term in vocabulary)
        {
            var expected = model
                .Where(d => d.Value.Contains(term))
                .Select(d => (d.Key, d.Value.Count(t => t == term)))
                .OrderBy(p => p.Key)
                .ToList();
            Assert.Equal(expected, index.Postings(term));
            Assert.Equal(expected.Count, index.DocumentFrequency(term));
        }
    }
}
