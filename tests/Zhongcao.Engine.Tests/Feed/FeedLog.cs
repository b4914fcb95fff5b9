using Zhongcao.Engine.Feed;
using Zhongcao.Engine.Log;
using Zhongcao.Engine.Model;
using Zhongcao.Engine.Tests.Support;

namespace Zhongcao.Engine.Tests.Feed;

/// <summary>Builds feed scenarios: notes with media, sponsorship and gate assessments on top of <see cref="LogBuilder"/>.</summary>
internal sealed class FeedLog
{
    public LogBuilder Log { get; } = new();

    public FeedLog User(string id, params string[] interests)
    {
        Log.User(id, interests);
        return this;
    }

    public FeedLog Note(string id, string author, MediaType media = MediaType.Image, bool sponsored = false,
        string? category = null, params string[] hashtags)
    {
        var note = Log.MakeNote(id, author, hashtags) with
        {
            Media = [new MediaItem(media, 1080, 1440, media == MediaType.Video ? 30_000 : 0)],
            Sponsorship = sponsored ? new Sponsorship("brand", "paid") : null,
        };
        Log.Add(new NotePublished { At = Log.Now, Note = note });
        if (category is not null)
        {
            Assess(id, PublicationVerdict.Allow, category);
        }

        return this;
    }

    public FeedLog Assess(string id, PublicationVerdict verdict, string? category = null, double multiplier = 1)
    {
        Log.Add(new NoteAssessed
        {
            At = Log.Now, NoteId = id, NoteVersion = 1,
            Assessment = new NoteAssessment
            {
                Quality = 50, Verdict = verdict, DistributionMultiplier = multiplier,
                Categories = category is null ? [] : [category.Split('/')[0], category],
            },
        });
        return this;
    }

    /// <summary>An engine with exploration off (and the given rules off), so orders are predictable.</summary>
    public ZhongcaoEngine Build(params string[] disabled)
    {
        var engine = Log.Build();
        engine.Feed.Options.Disabled.Add("explore");
        foreach (var d in disabled)
        {
            engine.Feed.Options.Disabled.Add(d);
        }

        return engine;
    }

    public static FeedOutcome.Page Page(ZhongcaoEngine engine, string user = "reader", int limit = 20, string? cursor = null, bool explain = false) =>
        Assert.IsType<FeedOutcome.Page>(engine.Feed.Get(new FeedRequest(user, limit, cursor, explain)));
}
