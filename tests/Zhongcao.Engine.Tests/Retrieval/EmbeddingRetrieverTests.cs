using Zhongcao.Engine.Model;
using Zhongcao.Engine.Profiles;
using Zhongcao.Engine.Retrieval;
using Zhongcao.Engine.Retrieval.Embeddings;

namespace Zhongcao.Engine.Tests.Retrieval;

public class EmbeddingRetrieverTests
{
    [Fact]
    public void A_skincare_fan_retrieves_beauty_tool_notes_that_share_no_keyword()
    {
        // Notes 0-9 skincare, 10-19 beauty tools, 20-59 camping; tools share no token with skincare.
        string[] Tokens(int i) => i < 10 ? ["精华", "保湿"] : i < 20 ? ["美容仪", "滚轮"] : ["露营", "帐篷"];
        var embedder = new HashedTokenEmbedder(32);
        var model = new ItemEmbeddingModel(new ItemEmbeddingOptions { Dimension = 32 });
        for (var i = 0; i < 60; i++)
        {
            model.SetContent(i, embedder.Embed(Tokens(i), []));
        }

        // Other beauty fans engage skincare and tools; campers engage camping notes.
        var rng = new SplitMix64(9);
        for (var e = 0; e < 4000; e++)
        {
            var user = rng.NextInt(100);
            model.Record(user, user < 50 ? rng.NextInt(20) : 20 + rng.NextInt(40));
        }

        var retriever = new EmbeddingRetriever(model);
        for (var i = 0; i < 60; i++)
        {
            retriever.Refresh(i);
        }

        // A new user who only saved skincare notes 0-2.
        var profile = new UserInterestProfile(new ProfileOptions { EmbeddingDimension = 32 });
        var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var v = new float[32];
        for (var i = 0; i < 3; i++)
        {
            model.Embedding(i, v);
            profile.Observe(EventType.Save, new ProfileNote { NoteIndex = i, AuthorIndex = 0, Embedding = v.ToArray() }, at);
        }

        var hits = retriever.Nearest(profile.Embedding, 20);
        Assert.True(hits.Count(h => h.Key is >= 10 and < 20) >= 5, string.Join(",", hits.Select(h => h.Key)));
        Assert.DoesNotContain(hits, h => h.Key >= 20);
    }
}
