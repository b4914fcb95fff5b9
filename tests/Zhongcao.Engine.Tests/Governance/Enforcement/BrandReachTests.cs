using Zhongcao.Engine.Distribution;
using Zhongcao.Engine.Feed.Pipeline.Filters;
using Zhongcao.Engine.Governance.Enforcement;
using Zhongcao.Engine.Log;
using Zhongcao.Engine.Model;
using Zhongcao.Engine.Search;

namespace Zhongcao.Engine.Tests.Governance.Enforcement;

/// <summary>Brand violation points limit the brand's traffic: budgets, serving, feed score and non-brand search, each step with its expiry.</summary>
public sealed class BrandReachTests
{
    private static GovHarness WithBrand()
    {
        var h = new GovHarness();
        h.User("glowco", AccountType.Brand);
        for (var i = 0; i < 10; i++)
        {
            h.User("c" + i);
        }

        h.User("indie");
        h.Tick(); // sets the week grid
        h.Publish("own", "glowco", "our new serum for dry skin");
        h.Publish("tagged", "c9", "tried this serum for a week", null, "glowco");
        h.Publish("other", "indie", "my favourite serum for dry skin");
        return h;
    }

    private static void Violations(GovHarness h, int n)
    {
        for (var i = 0; i < n; i++)
        {
            h.Publish($"v{h.Log.Count}_{i}", "c" + i, "great product", new Sponsorship("glowco", "dm"));
        }
    }

    private static void NextWeek(GovHarness h)
    {
        var week = h.Now.UtcTicks / TimeSpan.FromDays(7).Ticks;
        while (h.Now.UtcTicks / TimeSpan.FromDays(7).Ticks == week)
        {
            h.Advance(TimeSpan.FromHours(1));
            h.Tick();
        }
    }

    private static NoteDistribution D(GovHarness h, string note) => h.Pools.Of(h.Engine.Core.FindNote(note)!.Index)!;

    private static double FeedFactor(GovHarness h, string note) =>
        Eligibility.Multiplier(h.Engine.Core.FindNote(note)!, h.Now, h.Pools);

    private static string[] Search(GovHarness h, string q) =>
        [.. Assert.IsType<SearchOutcome.Page>(h.Engine.Search.Search(new SearchRequest(q, null, 20, null))).Hits.Select(x => x.NoteId)];

    [Fact]
    public void Two_lost_points_are_a_notice_only()
    {
        using var h = WithBrand();
        Violations(h, 1);
        NextWeek(h);
        Assert.Equal(PenaltyKind.BrandNotice, h.Gov.Brand("glowco")!.Penalties[^1].Kind);
        Assert.Equal(1, D(h, "own").Multiplier);
        h.Publish("own2", "glowco", "launch");
        Assert.Equal(1, D(h, "own2").ReachMultiplier);
        Assert.Equal(0, D(h, "own2").BudgetBeforeReach);
        Assert.Contains("own", Search(h, "serum"));
    }

    [Fact]
    public void Four_lost_points_halve_the_brands_pool_budgets_and_feed_score_for_seven_days()
    {
        using var h = WithBrand();
        h.Advance(TimeSpan.FromMinutes(1));
        var (own, tagged, other) = (D(h, "own").Budget, D(h, "tagged").Budget, D(h, "other").Budget);
        Violations(h, 2);
        NextWeek(h);
        var multiplier = h.Gov.Options.BrandSteps.Single(s => s.PointsLost == 4).Multiplier;
        Assert.Equal(0.5, multiplier);

        // Notes still in cold start when the limit starts would be judged at their window's end; republish to check budgets.
        h.Publish("own2", "glowco", "another serum launch");
        h.Publish("indie2", "indie", "another serum I like");
        Assert.Equal(Math.Round(D(h, "indie2").Budget * multiplier), D(h, "own2").Budget);
        Assert.True(D(h, "own2").Limited);
        Assert.Equal(DistributionStage.Limited, D(h, "own2").Stage);
        Assert.Equal(multiplier, FeedFactor(h, "own2"));
        Assert.Equal(multiplier, FeedFactor(h, "tagged"));
        Assert.Equal(1, FeedFactor(h, "other"));
        Assert.Equal(1, FeedFactor(h, "indie2"));
        Assert.Contains(D(h, "own").Transitions, t => t.Outcome == TransitionOutcome.ReachLimited && t.Reason.Contains("glowco", StringComparison.Ordinal));
        Assert.Contains("own", Search(h, "serum")); // a traffic limit is not a search limit
        _ = (own, tagged, other);

        h.Days(6);
        Assert.Equal(multiplier, FeedFactor(h, "own2"));
        h.Days(1);
        Assert.Equal(1, FeedFactor(h, "own2"));
        Assert.Equal(1, D(h, "own2").ReachMultiplier);
        Assert.Contains(D(h, "own2").Transitions, t => t.Outcome == TransitionOutcome.ReachLifted);
    }

    [Fact]
    public void A_limit_that_starts_during_a_pool_scales_its_budget_and_the_end_restores_it()
    {
        using var h = WithBrand();
        Violations(h, 2);

        // A brand note published an hour before the weekly scoring is still in its cold-start pool when the limit starts.
        var week = TimeSpan.FromDays(7).Ticks;
        var boundary = new DateTimeOffset(((h.Now.UtcTicks / week) + 1) * week, TimeSpan.Zero);
        h.Advance(boundary - TimeSpan.FromHours(1) - h.Now);
        h.Publish("fresh", "glowco", "launch day");
        var d = D(h, "fresh");
        var before = d.Budget;
        h.Advance(TimeSpan.FromHours(1));
        h.Tick();
        Assert.True(d.InPool);
        Assert.Equal(Math.Max(1, (long)Math.Round(before * 0.5)), d.Budget);
        Assert.Equal(before, d.BudgetBeforeReach);
        Assert.Contains(d.Transitions, t => t.Outcome == TransitionOutcome.ReachLimited && t.Budget == d.Budget);

        h.Publish("own2", "glowco", "launch");
        var limited = D(h, "own2").Budget;
        h.Days(7);
        h.Publish("own3", "glowco", "launch again");
        Assert.Equal(1, D(h, "own3").ReachMultiplier);
        Assert.Equal(0, D(h, "own3").BudgetBeforeReach);
        Assert.True(D(h, "own3").Budget > limited * 1.5, $"{D(h, "own3").Budget} vs {limited}");
    }

    [Fact]
    public void A_limit_reaches_the_brands_own_tagged_sponsored_and_newly_sponsored_notes_and_no_others()
    {
        using var h = WithBrand();
        Violations(h, 2);
        var week = TimeSpan.FromDays(7).Ticks;
        var boundary = new DateTimeOffset(((h.Now.UtcTicks / week) + 1) * week, TimeSpan.Zero);
        h.Advance(boundary - TimeSpan.FromHours(1) - h.Now);
        h.Publish("own-live", "glowco", "launch day");
        h.Publish("tag-live", "c8", "tried it", null, "glowco");
        h.Publish("case-live", "c7", "tried it", null, "GlowCo"); // same tag once normalised, but no account has this id
        h.Publish("sponsor-live", "c6", "paid post", new Sponsorship("glowco", "official"));
        h.Publish("edited-live", "c5", "plain post");
        h.Publish("plain-live", "indie", "unrelated serum");
        h.Append(new NoteEdited
        {
            At = h.Now,
            Note = h.Engine.Core.FindNote("edited-live")!.Note with { Sponsorship = new Sponsorship("glowco", "official"), UpdatedAt = h.Now },
        });

        h.Advance(TimeSpan.FromHours(1));
        h.Tick(); // the weekly scoring starts the traffic limit

        static bool Limited(NoteDistribution d) => d.Transitions.Any(t => t.Outcome == TransitionOutcome.ReachLimited);
        Assert.True(Limited(D(h, "own-live")));
        Assert.True(Limited(D(h, "tag-live")));
        Assert.True(Limited(D(h, "sponsor-live")));
        Assert.True(Limited(D(h, "edited-live")));
        Assert.False(Limited(D(h, "case-live")));
        Assert.False(Limited(D(h, "plain-live")));
    }

    [Fact]
    public void Six_lost_points_remove_the_brand_from_searches_that_do_not_name_it_for_seven_days()
    {
        using var h = WithBrand();
        Violations(h, 3);
        NextWeek(h);
        var brand = h.Gov.Brand("glowco")!;
        Assert.Equal(4, brand.Points);
        Assert.NotNull(brand.InForce(PenaltyKind.BrandSearchLimit, h.Now));

        var generic = Search(h, "serum");
        Assert.DoesNotContain("own", generic);
        Assert.DoesNotContain("tagged", generic);
        Assert.Contains("other", generic);
        var named = Search(h, "glowco serum");
        Assert.Contains("own", named);
        Assert.Contains("tagged", named);

        h.Days(7);
        Assert.Contains("own", Search(h, "serum"));
    }

    [Fact]
    public void A_demoting_search_multiplier_ranks_the_brand_below_instead_of_removing_it()
    {
        using var h = new GovHarness(new EnforcementOptions { BrandSearchLimitMultiplier = 0.01 });
        h.User("glowco", AccountType.Brand);
        h.User("indie");
        for (var i = 0; i < 3; i++)
        {
            h.User("c" + i);
        }

        h.Tick();
        h.Publish("own", "glowco", "serum serum serum serum");
        h.Publish("other", "indie", "a serum");
        Assert.Equal("own", Search(h, "serum")[0]);
        for (var i = 0; i < 3; i++)
        {
            h.Publish("v" + i, "c" + i, "great product", new Sponsorship("glowco", "dm"));
        }

        NextWeek(h);
        Assert.Equal(["other", "own"], Search(h, "serum"));
    }

    [Fact]
    public void Eight_lost_points_limit_traffic_to_a_fifth_for_28_days()
    {
        using var h = WithBrand();
        Violations(h, 4);
        NextWeek(h);
        var step = h.Gov.Options.BrandSteps.Single(s => s.PointsLost == 8);
        Assert.Equal(0.2, step.Multiplier);
        Assert.Equal(0.2, FeedFactor(h, "own"));
        h.Days(27);
        Assert.Equal(0.2, FeedFactor(h, "own"));
        h.Days(1);
        Assert.Equal(1, FeedFactor(h, "own"));
    }

    [Fact]
    public void The_stronger_limit_wins_and_the_weaker_one_resumes_when_it_ends()
    {
        using var h = WithBrand();
        Violations(h, 2); // 4 points: x0.5 for 7 days
        NextWeek(h);
        Assert.Equal(0.5, FeedFactor(h, "own"));
        Violations(h, 2); // 8 points: x0.2 for 28 days
        NextWeek(h);
        Assert.Equal(0.2, FeedFactor(h, "own"));
        h.Days(28);
        Assert.Equal(1, FeedFactor(h, "own"));
    }

    [Fact]
    public void Ten_lost_points_hide_the_brand_and_after_28_clean_days_a_new_violation_starts_the_ladder_again()
    {
        using var h = WithBrand();
        h.User("reader");
        Violations(h, 5);
        NextWeek(h);
        Assert.True(h.Gov.Brand("glowco")!.Banned(h.Now));
        Assert.Empty(Search(h, "serum").Intersect(["own", "tagged"]));
        Assert.Equal(h.Gov.Options.BrandBanNotice, h.Engine.Search.Search(new SearchRequest("glowco", null, 10, null)) is SearchOutcome.Page p ? p.Notice : null);

        h.Days(28);
        Assert.Equal(10, h.Gov.Brand("glowco")!.Points);
        Assert.False(h.Gov.Brand("glowco")!.Banned(h.Now));
        Assert.Equal(1, FeedFactor(h, "own"));
        Assert.Contains("own", Search(h, "serum"));

        Violations(h, 1);
        NextWeek(h);
        Assert.Equal(8, h.Gov.Brand("glowco")!.Points);
        Assert.Equal(PenaltyKind.BrandNotice, h.Gov.Brand("glowco")!.Penalties[^1].Kind);
        Assert.Equal(1, FeedFactor(h, "own"));
    }

    [Fact]
    public void A_verified_enterprise_loses_points_and_traffic_like_any_brand()
    {
        using var h = new GovHarness();
        h.User("ent", AccountType.Enterprise, verified: true);
        h.User("c0");
        h.User("c1");
        h.Tick();
        h.Publish("own", "ent", "our product");
        h.Publish("a", "c0", "buy it", new Sponsorship("ent", "dm"));
        h.Publish("b", "c1", "buy it", new Sponsorship("ent", "dm"));
        NextWeek(h);
        Assert.Equal(6, h.Gov.Brand("ent")!.Points);
        Assert.Equal(0.5, FeedFactor(h, "own"));
    }

    [Fact]
    public void Reach_limits_survive_a_snapshot_and_replay_to_the_same_digest()
    {
        using var h = WithBrand();
        Violations(h, 2);
        NextWeek(h);
        h.Publish("own2", "glowco", "launch");
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        h.Engine.SaveSnapshot(buffer);
        using var loaded = EngineFactory.Create(null, h.Time);
        Assert.True(loaded.TryLoadSnapshot(buffer.WrittenSpan));
        Assert.Equal(h.Engine.StateDigest(), loaded.StateDigest());

        using var replayed = EngineFactory.Create(null, h.Time);
        var seq = 0L;
        foreach (var e in h.Log)
        {
            replayed.Apply(new SequencedEntry(++seq, e));
        }

        Assert.Equal(h.Engine.StateDigest(), replayed.StateDigest());
        Assert.Equal(0.5, replayed.Module<DistributionModule>()!.Of(replayed.Core.FindNote("own2")!.Index)!.ReachMultiplier);
    }
}
