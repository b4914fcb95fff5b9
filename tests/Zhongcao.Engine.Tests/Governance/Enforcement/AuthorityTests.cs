using Zhongcao.Engine.Log;
using Zhongcao.Engine.Model;

namespace Zhongcao.Engine.Tests.Governance.Enforcement;

public sealed class AuthorityTests
{
    [Fact]
    public void A_new_account_is_exactly_neutral_even_after_its_first_note()
    {
        using var h = new GovHarness();
        h.User("a");
        Assert.Equal(1, h.Gov.Of(h.Index("a")), 9);
        h.Publish("n1", "a");
        h.Append(new NoteAssessed { At = h.Now, NoteId = "n1", NoteVersion = 1, Assessment = new NoteAssessment { Quality = 90, Verdict = PublicationVerdict.Allow } });
        Assert.Equal(1, h.Gov.Of(h.Index("a")), 9);
    }

    [Fact]
    public void Engaging_history_raises_authority_and_a_poor_one_lowers_it()
    {
        using var h = new GovHarness();
        h.User("good");
        h.User("poor");
        h.Advance(TimeSpan.FromDays(30));
        for (var i = 0; i < 300; i++)
        {
            h.User("v" + i);
        }

        h.Advance(TimeSpan.FromDays(30));
        h.Publish("g", "good");
        h.Publish("p", "poor");
        for (var i = 0; i < 300; i++)
        {
            h.Advance(TimeSpan.FromSeconds(30));
            h.Event("v" + i, "g", EventType.Impression);
            h.Event("v" + i, "p", EventType.Impression);
            if (i % 4 == 0)
            {
                h.Event("v" + i, "g", EventType.Save);
            }

            if (i % 10 == 0)
            {
                h.Event("v" + i, "p", EventType.NotInterested);
            }
        }

        var good = h.Gov.Explain(h.Engine.Core, h.Index("good"), h.Now);
        var poor = h.Gov.Explain(h.Engine.Core, h.Index("poor"), h.Now);
        Assert.True(good.Multiplier > 1.1, $"good {good.Multiplier}");
        Assert.True(poor.Multiplier < 0.9, $"poor {poor.Multiplier}");
        Assert.Equal(7, good.Components.Count);
    }

    [Fact]
    public void A_verified_enterprise_with_a_complete_profile_starts_above_neutral()
    {
        using var h = new GovHarness();
        h.Append(new UserUpserted
        {
            At = h.Now,
            User = new UserProfile { Id = "e", DisplayName = "E", Bio = "bio", HasAvatar = true, HasBackground = true, AccountType = AccountType.Enterprise, Verified = true },
        });
        Assert.True(h.Gov.Of(h.Index("e")) > 1);
    }

    [Fact]
    public void The_profile_component_counts_a_bio_kept_in_the_cores_compressed_blocks()
    {
        using var h = new GovHarness();
        const string LongBio = "护肤博主，分享敏感肌的日常护理与好物测评 — skincare notes for sensitive skin";
        h.Append(new UserUpserted { At = h.Now, User = new UserProfile { Id = "full", DisplayName = "F", Bio = LongBio, HasAvatar = true, HasBackground = true } });
        h.Append(new UserUpserted { At = h.Now, User = new UserProfile { Id = "bio", DisplayName = "B", Bio = LongBio } });
        h.Append(new UserUpserted { At = h.Now, User = new UserProfile { Id = "short", DisplayName = "S", Bio = "hi" } });
        h.Append(new UserUpserted { At = h.Now, User = new UserProfile { Id = "bare", DisplayName = "N" } });

        double Profile(string id) => h.Gov.Explain(h.Engine.Core, h.Index(id), h.Now).Components.Single(c => c.Name == "profile").Score;

        Assert.Equal(1.0, Profile("full"), 9);
        Assert.Equal(0.5 + (0.5 / 3), Profile("bio"), 9);
        Assert.Equal(0.5 + (0.5 / 3), Profile("short"), 9);
        Assert.Equal(0.5, Profile("bare"), 9);
    }
}
