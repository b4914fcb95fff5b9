using Zhongcao.Engine.Model;
using Zhongcao.Engine.Tests.Support;

namespace Zhongcao.Engine.Tests.Feed;

public class RelatedNotesTests
{
    private static ZhongcaoEngine Build(LogBuilder log)
    {
        var engine = EngineFactory.Create();
        engine.Apply(log.Entries);
        return engine;
    }

    /// <summary>Fans who liked "base" also liked "co"; "tagged" shares base's tags; "other" shares nothing.</summary>
    private static LogBuilder Community()
    {
        var log = new LogBuilder().User("a").User("reader")
            .Note("base", "a", "#lipstick", "#red")
            .Note("co", "a", "#hiking")
            .Note("tagged", "a", "#lipstick", "#red")
            .Note("half", "a", "#lipstick")
            .Note("other", "a", "#cooking");
        for (var i = 0; i < 5; i++)
        {
            log.User("fan" + i).Event(EventType.Like, "fan" + i, "base").Event(EventType.Save, "fan" + i, "co");
        }

        return log;
    }

    [Fact]
    public void Co_engaged_notes_come_first_then_notes_sharing_tags()
    {
        using var engine = Build(Community());

        var related = engine.Related.Get("base", null, 10)!.Select(r => r.Note.Note.Id).ToList();

        Assert.Equal(["co", "tagged", "half"], related);
    }

    [Fact]
    public void Deleted_notes_and_the_users_seen_notes_are_excluded()
    {
        using var engine = Build(Community().Delete("tagged").Event(EventType.Impression, "reader", "co"));

        Assert.Equal(["co", "half"], engine.Related.Get("base", null, 10)!.Select(r => r.Note.Note.Id));
        Assert.Equal(["half"], engine.Related.Get("base", "reader", 10)!.Select(r => r.Note.Note.Id));
    }

    [Fact]
    public void Unliking_removes_co_engagement()
    {
        var log = Community();
        for (var i = 0; i < 5; i++)
        {
            log.Event(EventType.Unsave, "fan" + i, "co");
        }

        using var engine = Build(log);

        Assert.DoesNotContain(engine.Related.Get("base", null, 10)!, r => r.Note.Note.Id == "co");
    }

    [Fact]
    public void Unknown_notes_and_users_give_null_and_the_limit_holds()
    {
        using var engine = Build(Community());

        Assert.Null(engine.Related.Get("missing", null, 5));
        Assert.Null(engine.Related.Get("base", "nobody", 5));
        Assert.Single(engine.Related.Get("base", null, 1)!);
    }
}
