using Zhongcao.Engine.State;

namespace Zhongcao.Engine.Distribution.Analytics;

/// <summary>
/// "What would help": plain sentences derived from the weights and from how the note compares with other
/// notes in its category (median over up to 500 recent notes of the category with at least 30 counted impressions).
/// </summary>
public static class AnalyticsSuggestions
{
    private const int CategorySample = 500;
    private const int MinImpressionsToCompare = 30;

    public static IReadOnlyList<string> For(CoreState core, DistributionModule module, NoteState note, NoteDistribution d, PoolMeasurement total)
    {
        var o = module.Options;
        var w = module.Weights;
        var s = new List<string>();
        var n = d.Total.Impressions;
        var category = note.Assessment?.Categories.Count > 0 ? CoreState.NormalizeTag(note.Assessment.Categories[0]) : note.Tags.FirstOrDefault();
        if (category is null)
        {
            s.Add("The note has no hashtags or categories, so the cold start can only reach your followers: add the topics it is about.");
        }

        if (n >= MinImpressionsToCompare && category is not null && w.Like > 0)
        {
            var saveRate = (double)d.Total.Actions[(int)ActionKind.Save] / n;
            if (CategoryMedian(core, module, category, note.Index, ActionKind.Save) is { } median && saveRate < median)
            {
                s.Add($"Saves weigh {w.Save / w.Like:0.#}x likes; your save rate {saveRate:P1} is below the '{category}' median of {median:P1}: "
                    + "content readers want to keep (steps, lists, comparisons) earns saves.");
            }

            var comments = d.Total.Actions[(int)ActionKind.Comment];
            var shortComments = d.Total.Actions[(int)ActionKind.ShortComment];
            if (shortComments > comments && w.Comment > w.ShortComment)
            {
                s.Add($"Most comments are short; comments over {o.SubstantiveCommentChars} characters weigh {w.Comment / Math.Max(w.ShortComment, 0.01):0.#}x more: "
                    + "ask a question that invites a real answer, and reply to commenters.");
            }

            if (total.NegativeRate > o.MaxNegativeRate / 2)
            {
                s.Add($"{total.NegativeRate:P1} of viewers scrolled away, said not interested or reported it: check that the cover and title match the content.");
            }

            if (total.Completion >= 0 && total.Completion < o.MinCompletion)
            {
                s.Add($"Only {total.Completion:P0} of viewers reached the end of the carousel or video: put the payoff earlier or shorten it.");
            }
        }

        // The latest judgement (later records such as the end of freshness do not hide it).
        var last = d.Transitions.LastOrDefault(t => t.Outcome is TransitionOutcome.Extended or TransitionOutcome.Graduated
            or TransitionOutcome.Skipped or TransitionOutcome.Halted or TransitionOutcome.Entered);
        if (d.InPool && last?.Outcome == TransitionOutcome.Extended)
        {
            s.Add("Few feed requests matched this note's audience in its window (a busy period or narrow tags); its window was extended rather than judged.");
        }

        if (d.Residual && last?.Outcome == TransitionOutcome.Halted)
        {
            s.Add($"Its pool closed with a lower-bound engagement of {last.RateLower:P1} against {last.Threshold:P1}; it keeps residual long-tail traffic. "
                + "A new note on the same topic starts its own cold start.");
        }

        if (d.Stage == DistributionStage.Limited && d.GateLimited)
        {
            s.Add($"Governance limits this note's reach to {d.GateMultiplier:P0}{(d.LimitUntil is { } u ? $" until {u:u}" : "")}; see the gate's decision for how to appeal.");
        }

        if (d.Stage == DistributionStage.Limited && d.ReachMultiplier < 1)
        {
            s.Add($"Reach limited to {d.ReachMultiplier:P0}{(d.ReachUntil is { } r ? $" until {r:u}" : "")}: {d.ReachReason}");
        }

        return s;
    }

    private static double? CategoryMedian(CoreState core, DistributionModule module, string category, int self, ActionKind kind)
    {
        var notes = core.NotesWithTag(category);
        var rates = new List<double>();
        for (var i = notes.Count - 1; i >= 0 && rates.Count < CategorySample; i--)
        {
            if (notes[i] != self && module.Of(notes[i]) is { } other && other.Total.Impressions >= MinImpressionsToCompare)
            {
                rates.Add((double)other.Total.Actions[(int)kind] / other.Total.Impressions);
            }
        }

        if (rates.Count == 0)
        {
            return null;
        }

        rates.Sort();
        return rates.Count % 2 == 1 ? rates[rates.Count / 2] : (rates[(rates.Count / 2) - 1] + rates[rates.Count / 2]) / 2;
    }
}
