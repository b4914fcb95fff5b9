using System.Buffers;
using Zhongcao.Engine.Log;
using Zhongcao.Engine.Model;
using Zhongcao.Engine.Tests.Distribution;
using Zhongcao.Engine.Snapshots;

namespace Zhongcao.Engine.Tests.Log;

/// <summary>
/// Two nodes can both admit the same event id before either sees the other's append, so a repeated id can
/// reach a shared log. Applying it must leave every module exactly as if it had been there once.
/// </summary>
public class DuplicateEntryTests
{
    [Fact]
    public void A_repeated_event_id_in_the_log_changes_no_module()
    {
        using var h = new PoolHarness();
        h.User("author");
        h.Users("v", 120, "skincare");
        h.Publish("n1", "author", "skincare");
        h.ViewsLikesFirst("n1", "v", 100, 20);
        h.Advance(TimeSpan.FromHours(4));
        h.Tick();

        // The standard engine: every module must skip the repeat, not only the core.
        using var once = EngineFactory.Create(time: h.Time);
        using var twice = EngineFactory.Create(time: h.Time);
        long a = 0, b = 0;
        var repeated = 0;
        foreach (var entry in h.Log)
        {
            once.Apply(new SequencedEntry(++a, entry));
            twice.Apply(new SequencedEntry(++b, entry));
            if (entry is EventRecorded)
            {
                twice.Apply(new SequencedEntry(++b, entry)); // the same event again, as another node's append
                repeated++;
            }
        }

        Assert.True(repeated > 100);
        Assert.Equal(once.Core.EventCount, twice.Core.EventCount);
        Assert.Equal(once.Modules.Count, twice.Modules.Count);
        for (var m = 0; m < once.Modules.Count; m++)
        {
            Assert.Equal((once.Modules[m].Name, Section(once.Modules[m])), (twice.Modules[m].Name, Section(twice.Modules[m])));
        }
    }

    [Fact]
    public void A_repeated_note_id_published_by_another_node_changes_nothing_anywhere()
    {
        using var h = new PoolHarness();
        h.User("author");
        h.User("other");
        h.Users("v", 60, "skincare");
        h.Publish("n1", "author", "skincare");
        h.Assess("n1", PublicationVerdict.Allow, quality: 80);
        var published = h.Log.Count;
        h.ViewsLikesFirst("n1", "v", 50, 10);
        h.Advance(TimeSpan.FromHours(4));
        h.Tick();

        // Another node admitted the same id (a different note, held by its gate) before it saw the first append.
        var repeat = new NotePublished
        {
            At = h.Now,
            Note = new Note { Id = "n1", AuthorId = "other", Title = "other", Body = "other body", Hashtags = ["food"], CreatedAt = h.Now, UpdatedAt = h.Now },
        };
        var repeatAssessment = new NoteAssessed
        {
            At = h.Now, NoteId = "n1", NoteVersion = 1,
            Assessment = new NoteAssessment { Quality = 5, Verdict = PublicationVerdict.Review, DistributionMultiplier = 0 },
        };

        using var once = EngineFactory.Create(time: h.Time);
        using var twice = EngineFactory.Create(time: h.Time);
        long a = 0, b = 0;
        for (var i = 0; i < h.Log.Count; i++)
        {
            once.Apply(new SequencedEntry(++a, h.Log[i]));
            twice.Apply(new SequencedEntry(++b, h.Log[i]));
            if (i == published + 3)
            {
                twice.Apply(new SequencedEntry(++b, repeat));
                twice.Apply(new SequencedEntry(++b, repeatAssessment));
            }
        }

        Assert.Equal("author", twice.Core.FindNote("n1")!.Note.AuthorId);
        Assert.Equal(PublicationVerdict.Allow, twice.Core.FindNote("n1")!.Assessment!.Verdict);
        for (var m = 0; m < once.Modules.Count; m++)
        {
            Assert.Equal((once.Modules[m].Name, Section(once.Modules[m])), (twice.Modules[m].Name, Section(twice.Modules[m])));
        }

        // A later, genuine re-assessment of the note (not adjacent to a repeat publish) still applies.
        twice.Apply(new SequencedEntry(++b, new NoteAssessed
        {
            At = h.Now, NoteId = "n1", NoteVersion = 1,
            Assessment = new NoteAssessment { Quality = 80, Verdict = PublicationVerdict.Limit, DistributionMultiplier = 0.5 },
        }));
        Assert.Equal(PublicationVerdict.Limit, twice.Core.FindNote("n1")!.Assessment!.Verdict);
    }

    private static string Section(Modules.IEngineModule module)
    {
        var buffer = new ArrayBufferWriter<byte>();
        module.Save(new BinaryEncoder(buffer));
        return Convert.ToHexString(buffer.WrittenSpan);
    }
}
