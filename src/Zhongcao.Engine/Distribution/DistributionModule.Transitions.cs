namespace Zhongcao.Engine.Distribution;

public sealed partial class DistributionModule
{
    private void EnterColdStart(NoteDistribution d, DateTimeOffset at, TransitionOutcome outcome, string reason)
    {
        var from = (d.PoolStage, d.Level);
        d.PoolStage = DistributionStage.ColdStart;
        d.Level = 0;
        d.Residual = false;
        d.StageStartedAt = at;
        d.Extensions = 0;
        d.Current.Reset();
        d.Budget = ColdStartBudget(d);
        d.WindowEndsAt = at + (d.Policy == DistributionPolicy.Guarantee ? Options.GuaranteeWindow : Options.ColdStartWindow);
        UpdateSets(d);
        var policy = d.Policy == DistributionPolicy.Guarantee
            ? $" Guarantee: {d.Budget} impressions by {d.WindowEndsAt:u}."
            : $" Budget {d.Budget} impressions, window until {d.WindowEndsAt:u}.";
        Add(d, new PoolTransition
        {
            At = at, FromStage = from.PoolStage, FromLevel = from.Level, ToStage = d.PoolStage, ToLevel = 0,
            Outcome = outcome, Budget = d.Budget, Reason = reason + policy,
        });
    }

    /// <summary>Records a transition and moves the note (stage entry work for expansion, sustained, saturated, gated, removed).</summary>
    private void Move(NoteDistribution d, DateTimeOffset at, DistributionStage to, int level, TransitionOutcome outcome, string reason,
        PoolMeasurement? m = null, double threshold = 0)
    {
        var from = (d.PoolStage, d.Level);
        d.PoolStage = to;
        d.Level = level;
        d.StageStartedAt = at;
        d.Extensions = 0;
        if (to == DistributionStage.Expansion)
        {
            d.Current.Reset();
            d.Budget = Options.ExpansionBudgets[level - 1];
            d.WindowEndsAt = at + Options.ExpansionWindows[level - 1];
            reason += $" Level {level}: budget {d.Budget:N0} impressions, window until {d.WindowEndsAt:u}.";
        }
        else
        {
            d.Budget = 0;
        }

        UpdateSets(d);
        Add(d, new PoolTransition
        {
            At = at, FromStage = from.PoolStage, FromLevel = from.Level, ToStage = to, ToLevel = level, Outcome = outcome,
            Impressions = m?.Impressions ?? 0, Rate = m?.Rate ?? 0, RateLower = m?.Lower ?? 0, RateUpper = m?.Upper ?? 0,
            Threshold = threshold, Velocity = m?.Velocity ?? 0, Diversity = m?.Diversity ?? 0, Completion = m?.Completion ?? -1,
            NegativeRate = m?.NegativeRate ?? 0, Budget = d.Budget, Reason = reason,
        });
    }

    /// <summary>Records a transition that does not change the stage (limit, extension, evergreen, season).</summary>
    private void Record(NoteDistribution d, DateTimeOffset at, DistributionStage stage, int level, TransitionOutcome outcome, string reason,
        PoolMeasurement? m = null, double threshold = 0) =>
        Add(d, new PoolTransition
        {
            At = at, FromStage = d.PoolStage, FromLevel = d.Level, ToStage = stage, ToLevel = level, Outcome = outcome,
            Impressions = m?.Impressions ?? 0, Rate = m?.Rate ?? 0, RateLower = m?.Lower ?? 0, RateUpper = m?.Upper ?? 0,
            Threshold = threshold, Velocity = m?.Velocity ?? 0, Diversity = m?.Diversity ?? 0, Completion = m?.Completion ?? -1,
            NegativeRate = m?.NegativeRate ?? 0, Budget = d.Budget, Reason = reason,
        });

    private static void Add(NoteDistribution d, PoolTransition t) => d.Transitions.Add(t);

    private void UpdateSets(NoteDistribution d)
    {
        var n = d.NoteIndex;
        Toggle(_active, n, d.InPool);
        Toggle(_expansion, n, d.PoolStage == DistributionStage.Expansion);
        Toggle(_longTail, n, d.PoolStage == DistributionStage.Sustained);
        Toggle(_saturated, n, d.PoolStage == DistributionStage.Saturated);
        Toggle(_featured, n, d.PoolStage == DistributionStage.Sustained && (d.Evergreen || d.Season is not null));
        Toggle(_limited, n, d.Limited && d.PoolStage != DistributionStage.Removed);
        Toggle(_fresh, n, d.Fresh && d.PoolStage != DistributionStage.Removed);
        _index.Update(d);
    }

    private static void Toggle(SortedSet<int> set, int n, bool member)
    {
        if (member)
        {
            set.Add(n);
        }
        else
        {
            set.Remove(n);
        }
    }

    /// <summary>Judges a pool when its budget is spent (checked after each counted impression).</summary>
    private void CheckBudget(NoteDistribution d, DateTimeOffset at)
    {
        if (!d.InPool || d.Current.Impressions < d.Budget)
        {
            return;
        }

        if (d.Policy == DistributionPolicy.Guarantee)
        {
            var m = PoolJudge.Measure(d.Current, at, Options.WilsonZ);
            Move(d, at, DistributionStage.Sustained, d.Level, TransitionOutcome.GuaranteeMet,
                $"Guaranteed {d.Budget} impressions delivered in {(at - d.StageStartedAt).TotalHours:0.#} h; ordinary ranking decides from here.", m);
            return;
        }

        Judge(d, at, JudgeTrigger.BudgetSpent);
    }

    private TimeSpan WindowOf(int level) => level == 0 ? Options.ColdStartWindow : Options.ExpansionWindows[level - 1];

    /// <summary>The pools' judgement at budget exhaustion or window end: graduate, skip, extend or halt.</summary>
    private void Judge(NoteDistribution d, DateTimeOffset at, JudgeTrigger trigger)
    {
        var m = PoolJudge.Measure(d.Current, at, Options.WilsonZ);
        var (threshold, note) = PoolJudge.ThresholdFor(Options, d.Level, m);
        var why = trigger == JudgeTrigger.BudgetSpent
            ? $"Budget of {d.Budget:N0} impressions spent."
            : $"Evaluation window ended with {m.Impressions:N0} of {d.Budget:N0} impressions.";
        var measured = $" Engagement rate {m.Rate:P1} (lower bound {m.Lower:P1}, upper {m.Upper:P1}) against threshold {threshold:P1}{note}.";

        if (trigger == JudgeTrigger.WindowEnded && m.Impressions < Options.MinJudgeImpressions && d.Extensions < Options.MaxWindowExtensions)
        {
            // Few impressions means supply was short (busy period), not that the note failed: wait longer.
            d.Extensions++;
            d.WindowEndsAt = at + WindowOf(d.Level);
            _index.Update(d);
            Record(d, at, d.PoolStage, d.Level, TransitionOutcome.Extended,
                $"{why} Too few to judge (minimum {Options.MinJudgeImpressions}); window extended until {d.WindowEndsAt:u} (extension {d.Extensions} of {Options.MaxWindowExtensions}).",
                m, threshold);
            return;
        }

        var last = Options.ExpansionBudgets.Count;
        if (m.NegativeRate > Options.MaxNegativeRate)
        {
            Halt(d, at, m, threshold, $"{why}{measured} Halted: negative reactions {m.NegativeRate:P1} exceed {Options.MaxNegativeRate:P0}.");
            return;
        }

        if (m.Lower >= threshold && m.Lower >= Options.SkipThreshold && d.Level + 2 <= last + 1)
        {
            Advance(d, at, d.Level + 2, TransitionOutcome.Skipped, m, threshold,
                $"{why}{measured} Far above the bar (lower bound ≥ {Options.SkipThreshold:P0}): skips a level.");
            return;
        }

        if (m.Lower >= threshold)
        {
            Advance(d, at, d.Level + 1, TransitionOutcome.Graduated, m, threshold, $"{why}{measured} Passed: graduates.");
            return;
        }

        Halt(d, at, m, threshold, $"{why}{measured} Below the bar: distribution halts except residual long-tail traffic.");
    }

    private void Advance(NoteDistribution d, DateTimeOffset at, int level, TransitionOutcome outcome, PoolMeasurement m, double threshold, string reason)
    {
        d.Residual = false;
        if (level > Options.ExpansionBudgets.Count)
        {
            Move(d, at, DistributionStage.Sustained, Options.ExpansionBudgets.Count + 1, outcome,
                reason + " Past the last pool: open, sustained distribution.", m, threshold);
            return;
        }

        Move(d, at, DistributionStage.Expansion, level, outcome, reason + " Broader audience: adjacent interests included.", m, threshold);
    }

    private void Halt(NoteDistribution d, DateTimeOffset at, PoolMeasurement m, double threshold, string reason)
    {
        d.Residual = true;
        Move(d, at, DistributionStage.Sustained, d.Level, TransitionOutcome.Halted, reason, m, threshold);
    }
}
