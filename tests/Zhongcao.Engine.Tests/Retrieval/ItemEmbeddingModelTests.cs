using Zhongcao.Engine.Retrieval;
using Zhongcao.Engine.Retrieval.Embeddings;

namespace Zhongcao.Engine.Tests.Retrieval;

public class ItemEmbeddingModelTests
{
    // Items 0-9 skincare, 10-19 beauty tools (no shared keyword with skincare), 20-39 camping.
    private static readonly string[][] Tokens =
    [
        .. Enumerable.Range(0, 10).Select(i => new[] { "精华", "保湿", "面霜" + i }),
        .. Enumerable.Range(0, 10).Select(i => new[] { "美容仪", "导入", "滚轮" + i }),
        .. Enumerable.Range(0, 20).Select(i => new[] { "露营", "帐篷", "天幕" + i }),
    ];

    [Fact]
    public void Hashed_content_embedding_is_close_for_shared_tokens_and_stable()
    {
        var e = new HashedTokenEmbedder(64);
        var a = e.Embed(Tokens[0], []);
        var b = e.Embed(Tokens[1], []);
        var c = e.Embed(Tokens[25], []);
        Assert.True(Dot(a, b) > 0.4f);
        Assert.True(Math.Abs(Dot(a, c)) < 0.4f);
        Assert.Equal(a, new HashedTokenEmbedder(64).Embed(Tokens[0], []));
    }

    [Fact]
    public void Co_engagement_relates_skincare_to_beauty_tools_that_share_no_keyword()
    {
        var model = Train();
        var embedder = new HashedTokenEmbedder(64);
        Assert.True(Dot(embedder.Embed(Tokens[0], []), embedder.Embed(Tokens[10], [])) < 0.3f, "content alone does not relate them");

        double tools = 0, camping = 0;
        for (var s = 0; s < 10; s++)
        {
            tools += Enumerable.Range(10, 10).Average(t => model.Similarity(s, t));
            camping += Enumerable.Range(20, 20).Average(t => model.Similarity(s, t));
        }

        Assert.True(tools / 10 > (camping / 10) + 0.2, $"tools {tools / 10:F3} vs camping {camping / 10:F3}");
    }

    [Fact]
    public void Same_event_sequence_gives_identical_vectors()
    {
        var a = Train();
        var b = Train();
        var x = new float[64];
        var y = new float[64];
        for (var i = 0; i < 40; i++)
        {
            a.Embedding(i, x);
            b.Embedding(i, y);
            Assert.Equal(x, y);
        }
    }

    private static ItemEmbeddingModel Train()
    {
        var embedder = new HashedTokenEmbedder(64);
        var model = new ItemEmbeddingModel(new ItemEmbeddingOptions { Dimension = 64 });
        for (var i = 0; i < Tokens.Length; i++)
        {
            model.SetContent(i, embedder.Embed(Tokens[i], []));
        }

        // Beauty fans engage skincare and tools; campers engage camping notes.
        var rng = new SplitMix64(5);
        for (var round = 0; round < 3000; round++)
        {
            var user = rng.NextInt(100);
            var item = user < 50 ? rng.NextInt(20) : 20 + rng.NextInt(20);
            model.Record(user, item);
        }

        return model;
    }

    private static float Dot(float[] a, float[] b) => a.Zip(b, (x, y) => x * y).Sum();
}
