using Zhongcao.Engine.Model;

namespace Zhongcao.Engine.Tests.Distribution;

/// <summary>The audience tallies use each viewer's current interests, however often a profile changes.</summary>
public class InterestCacheTests
{
    private static string Audience(PoolHarness h, string note) =>
        string.Join(",", h.Dist(note).AudienceInterests.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));

    [Fact]
    public void A_profile_upsert_changes_the_interests_counted_at_the_next_impression()
    {
        using var h = new PoolHarness();
        h.User("author");
        h.User("v1", "skincare", "travel/japan");
        h.User("v2", "food");
        h.Publish("n1", "author", "skincare");
        h.Publish("n2", "author", "skincare");
        h.Publish("n3", "author", "skincare");
        h.Event("v1", "n1", EventType.Impression);
        h.Event("v2", "n1", EventType.Impression);

        h.User("v1", "food", "Pets", "");
        h.Event("v1", "n2", EventType.Impression);
        h.User("v1"); // no interests left
        h.Event("v1", "n3", EventType.Impression);

        Assert.Equal("food=1,skincare=1,travel/japan=1", Audience(h, "n1"));
        Assert.Equal("food=1,pets=1", Audience(h, "n2"));
        Assert.Equal("", Audience(h, "n3"));
    }

    [Fact]
    public void Many_profile_changes_reclaim_dropped_runs_and_keep_every_user_right()
    {
        using var h = new PoolHarness();
        h.User("author");
        h.Users("v", 50, "skincare");
        for (var round = 0; round < 40; round++)
        {
            var note = "n" + round;
            h.Publish(note, "author", "skincare");
            for (var i = 0; i < 50; i++)
            {
                // Every user gets a new profile each round: one, two or three interests named after the round.
                h.User("v" + i, [.. Enumerable.Range(0, 1 + ((i + round) % 3)).Select(k => $"topic{round}x{k}")]);
                h.Event("v" + i, note, EventType.Impression);
            }

            var expected = Enumerable.Range(0, 3)
                .Select(k => (Tag: $"topic{round}x{k}", Count: Enumerable.Range(0, 50).Count(i => 1 + ((i + round) % 3) > k)))
                .OrderBy(p => p.Tag, StringComparer.Ordinal)
                .Select(p => $"{p.Tag}={p.Count}");
            Assert.Equal(string.Join(",", expected), Audience(h, note));
        }
    }
}
