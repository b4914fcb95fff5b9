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
        d.HeldStage = null;
        CaptureAuthority(d);
        d.Budget = ReachScaled(d, ColdStartBudget(d));
        d.WindowEndsAt = at + (d.Policy == DistributionPolicy.Guarantee ? Options.GuaranteeWindow : Options.ColdStartWindow);
        UpdateSets(d);
        var policy = d.Policy == DistributionPolicy.Guarantee
            ? $" Guarantee: {d.Budget} impressions by {d.WindowEndsAt:u}."
            : $" Budget {d.Budget} impressions, window until {d.WindowEndsAt:u}.";
        Add(d, new PoolTransition
        {
            At = at, FromStage = from.PoolStage, FromLevel = from.Level, ToStage = d.PoolStage, ToLevel = 0,
            Outcome = outcome, Budget = d.Budget, Reason = reason + policy + ReachNote(d),
            AuthorityAdjustment = d.AuthorityThreshold, AuthorityReason = d.AuthorityReason,
        });
    }

    /// <summary>A pool budget scaled by the reach limit in force (remembering the unscaled one so a lift restores it).</summary>
    private static long ReachScaled(NoteDistribution d, long budget)
    {
        if (d.ReachMultiplier >= 1)
        {
            d.BudgetBeforeReach = 0;
            return budget;
        }

        d.BudgetBeforeReach = budget;
        return Math.Max(1, (long)Math.Round(budget * d.ReachMultiplier));
    }

    private static string ReachNote(NoteDistribution d) =>
        d.ReachMultiplier < 1 ? $" Reach limited x{d.ReachMultiplier:0.##}: {d.ReachReason}" : "";

    /// <summary>Whether a held note had started distributing (otherwise a release simply starts its cold start).</summary>
    private static bool HasProgress(NoteDistribution d) =>
        d.HeldStage is not (null or DistributionStage.ColdStart) || d.HeldLevel > 0 || d.Current.Impressions > 0;

    /// <summary>Remembers where distribution stands before a review hold or a rejection stops it.</summary>
    private static void Hold(NoteDistribution d, DateTimeOffset at)
    {
        if (d.PoolStage is DistributionStage.Gated or DistributionStage.Removed)
        {
            return; // already held: keep the first position
        }

        d.HeldStage = d.PoolStage;
        d.HeldLevel = d.Level;
        d.HeldBudget = d.Budget;
        d.HeldWindowLeft = d.InPool && d.WindowEndsAt > at ? d.WindowEndsAt - at : TimeSpan.Zero;
        d.HeldExtensions = d.Extensions;
        d.HeldResidual = d.Residual;
        d.HeldStageStartedAt = d.StageStartedAt;
    }

    /// <summary>
    /// Resumes a held note exactly where it stopped: same stage and level, the stage's counters (never reset by
    /// the hold), the same budget and the window time that was left when it was held.
    /// </summary>
    private void Resume(NoteDistribution d, DateTimeOffset at, string reason)
    {
        var from = (d.PoolStage, d.Level);
        d.PoolStage = d.HeldStage!.Value;
        d.Level = d.HeldLevel;
        d.Budget = d.HeldBudget;
        d.Extensions = d.HeldExtensions;
        d.Residual = d.HeldResidual;
        d.StageStartedAt = d.HeldStageStartedAt;
        d.WindowEndsAt = at + d.HeldWindowLeft;
        d.HeldStage = null;
        UpdateSets(d);
        var window = d.InPool ? $" {d.Current.Impressions:N0} of {d.Budget:N0} impressions counted; window until {d.WindowEndsAt:u}." : "";
        Add(d, new PoolTransition
        {
            At = at, FromStage = from.PoolStage, FromLevel = from.Level, ToStage = d.PoolStage, ToLevel = d.Level,
            Outcome = TransitionOutcome.Resumed, Impressions = d.Current.Impressions, Budget = d.Budget, Reason = reason + window,
        });
        CheckBudget(d, at);
    }

    /// <summary>
    /// Asks the reach-limit provider again about <paramref name="noteIndex"/> (a limit started, ended or was lifted)
    /// and applies the answer: the multiplier, and the current pool's budget scaled (or restored).
    /// </summary>
    public void RefreshReachLimit(int noteIndex, DateTimeOffset at)
    {
        if (Of(noteIndex) is not { } d || Limits is null)
        {
            return;
        }

        var limit = Limits.LimitOf(noteIndex, at);
        var multiplier = limit is null ? 1 : Math.Clamp(limit.Multiplier, 0, 1);
        if (multiplier == d.ReachMultiplier && limit?.Until == d.ReachUntil)
        {
            return;
        }

        var unscaled = d.BudgetBeforeReach > 0 ? d.BudgetBeforeReach : d.Budget;
        if (limit is null || multiplier >= 1)
        {
            d.ReachMultiplier = 1;
            d.ReachUntil = null;
            d.ReachReason = "";
        }
        else
        {
            SetReach(d, limit);
        }

        if (d.InPool && unscaled > 0)
        {
            d.Budget = ReachScaled(d, unscaled);
        }

        UpdateSets(d);
        if (d.PoolStage == DistributionStage.Removed)
        {
            return;
        }

        Record(d, at, d.PoolStage, d.Level, d.ReachMultiplier < 1 ? TransitionOutcome.ReachLimited : TransitionOutcome.ReachLifted,
            d.ReachMultiplier < 1
                ? $"Reach limited x{d.ReachMultiplier:0.##}{(d.ReachUntil is { } u ? $" until {u:u}" : "")}: {d.ReachReason}{(d.InPool ? $" Pool budget now {d.Budget:N0}." : "")}"
                : $"Reach limit ended.{(d.InPool ? $" Pool budget back to {d.Budget:N0}." : "")}");
        CheckBudget(d, at);
    }

    private static void SetReach(NoteDistribution d, ReachLimit limit)
    {
        d.ReachMultiplier = Math.Clamp(limit.Multiplier, 0, 1);
        d.ReachUntil = limit.Until;
        d.ReachReason = limit.Reason;
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
            d.Budget = ReachScaled(d, Options.ExpansionBudgets[level - 1]);
            d.WindowEndsAt = at + Options.ExpansionWindows[level - 1];
            reason += $" Level {level}: budget {d.Budget:N0} impressions, window until {d.WindowEndsAt:u}.";
        }
        else
        {
            d.Budget = 0;
            d.BudgetBeforeReach = 0;
        }

        UpdateSets(d);
        Add(d, Transition(d, at, from.PoolStage, from.Level, to, level, outcome, reason, m, threshold));
    }

    /// <summary>A transition record; a judgement (threshold &gt; 0) also records the base threshold and the author's adjustment.</summary>
    private static PoolTransition Transition(NoteDistribution d, DateTimeOffset at, DistributionStage fromStage, int fromLevel,
        DistributionStage to, int level, TransitionOutcome outcome, string reason, PoolMeasurement? m, double threshold) => new()
        {
            At = at, FromStage = fromStage, FromLevel = fromLevel, ToStage = to, ToLevel = level, Outcome = outcome,
            Impressions = m?.Impressions ?? 0, Rate = m?.Rate ?? 0, RateLower = m?.Lower ?? 0, RateUpper = m?.Upper ?? 0,
            Threshold = threshold, Velocity = m?.Velocity ?? 0, Diversity = m?.Diversity ?? 0, Completion = m?.Completion ?? -1,
            NegativeRate = m?.NegativeRate ?? 0, Budget = d.Budget, Reason = reason,
            BaseThreshold = threshold > 0 ? threshold / d.AuthorityThreshold : 0,
            AuthorityAdjustment = threshold > 0 ? d.AuthorityThreshold : 1,
            AuthorityReason = threshold > 0 ? d.AuthorityReason : "",
        };

    /// <summary>Records a transition that does not change the stage (limit, extension, evergreen, season).</summary>
    private void Record(NoteDistribution d, DateTimeOffset at, DistributionStage stage, int level, TransitionOutcome outcome, string reason,
        PoolMeasurement? m = null, double threshold = 0) =>
        Add(d, Transition(d, at, d.PoolStage, d.Level, stage, level, outcome, reason, m, threshold));

    private void Add(NoteDistribution d, PoolTransition t)
    {
        Touched(d);
        d.AddTransition(t);
    }

    private void UpdateSets(NoteDistribution d)
    {
        var n = d.NoteIndex;
        Toggle(_active, n, d.InPool);
        Toggle(_expansion, n, d.PoolStage == DistributionStage.Expansion);
        Toggle(_longTail, n, d.PoolStage == DistributionStage.Sustained);
        Toggle(_saturated, n, d.PoolStage == DistributionStage.Saturated);
        Toggle(_featured, n, d.PoolStage == DistributionStage.Sustained && (d.Evergreen || d.Season is not null));
        Toggle(_limited, n, d.GateLimited && d.PoolStage != DistributionStage.Removed);
        Toggle(_reach, n, d.ReachMultiplier < 1 && d.ReachUntil is not null && d.PoolStage != DistributionStage.Removed);
        Toggle(_fresh, n, d.Fresh && d.PoolStage != DistributionStage.Removed);
        _index.Update(d);
    }

    private static void Toggle(NoteBitSet set, int n, bool member)
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
        var (baseThreshold, note) = PoolJudge.ThresholdFor(Options, d.Level, m);
        var threshold = baseThreshold * d.AuthorityThreshold;
        if (d.AuthorityThreshold != 1)
        {
            note += $"; base threshold {baseThreshold:P1} x{d.AuthorityThreshold:0.00} for the author's authority ({d.AuthorityReason})";
        }

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
