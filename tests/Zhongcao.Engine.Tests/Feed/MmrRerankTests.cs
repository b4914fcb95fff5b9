using Zhongcao.Engine.Feed.Pipeline;
using Zhongcao.Engine.Feed.Pipeline.Selectors;

namespace Zhongcao.Engine.Tests.Feed;

public class MmrRerankTests
{
    [Theory]
    [InlineData(1, 6, 0.8)]
    [InlineData(2, 6, 0.5)]
    [InlineData(3, 1, 0.8)]
    [InlineData(4, 0, 0.8)]
    [InlineData(5, 40, 0.3)]
    public void The_rerank_places_notes_as_the_plain_definition_does(int seed, int window, double lambda)
    {
        // Notes by a few authors with overlapping tags, so similarity, author repeats and ties all occur.
        var tags = new[] { "#skincare", "#toner", "#serum", "#tea", "#hiking", "#camera" };
        var log = new FeedLog().User("reader");
        var random = new Random(seed);
        for (var a = 0; a < 5; a++)
        {
            log.User("a" + a);
        }

        for (var i = 0; i < 60; i++)
        {
            var noteTags = tags.Where(_ => random.NextDouble() < 0.35).ToArray();
            log.Note("n" + i, "a" + random.Next(5), hashtags: noteTags);
        }

        using var engine = log.Build();
        var core = engine.Core;
        var context = new FeedContext(core, core.FindUser("reader")!, DateTimeOffset.UnixEpoch, 20, explain: true, [])
        {
            Options = new FeedOptions { MmrWindow = window, MmrLambda = lambda },
        };

        List<FeedCandidate> Candidates()
        {
            var r = new Random(seed * 31);
            return Enumerable.Range(0, 60).Select(i =>
            {
                var c = new FeedCandidate(core.FindNote("n" + i)!.Index) { Note = core.FindNote("n" + i)! };
                c.MixedScore = Math.Round(r.NextDouble() * 4) / 4; // coarse scores: many ties
                c.ServedEarlier = r.NextDouble() < 0.1;
                return c;
            }).ToList();
        }

        var fast = Candidates();
        new MmrRerank().Select(context, fast);
        var plain = Candidates();
        PlainMmr(plain, window, lambda);

        Assert.Equal(plain.Select(c => c.NoteIndex), fast.Select(c => c.NoteIndex));
        Assert.Equal(plain.Select(c => c.Rules?.Count ?? 0), fast.Select(c => c.Rules?.Count ?? 0));
    }

    /// <summary>MMR as defined: each slot takes the best of what waits against the last <paramref name="window"/> placed notes.</summary>
    private static void PlainMmr(List<FeedCandidate> candidates, int window, double lambda)
    {
        var max = candidates.Max(c => c.MixedScore);
        max = max <= 0 ? 1 : max;
        var pending = new List<FeedCandidate>(candidates);
        candidates.Clear();
        while (pending.Count > 0)
        {
            var best = 0;
            var bestValue = double.NegativeInfinity;
            for (var i = 0; i < pending.Count; i++)
            {
                var sim = candidates.Skip(Math.Max(0, candidates.Count - window)).Select(p => MmrRerank.Similarity(pending[i], p)).DefaultIfEmpty(0).Max();
                var value = (lambda * pending[i].MixedScore / max) - ((1 - lambda) * sim) - (pending[i].ServedEarlier ? 10 : 0);
                if (value > bestValue)
                {
                    bestValue = value;
                    best = i;
                }
            }

            if (best != 0)
            {
                pending[best].Moved(MmrRerank.RuleName);
            }

            candidates.Add(pending[best]);
            pending.RemoveAt(best);
        }
    }
}
