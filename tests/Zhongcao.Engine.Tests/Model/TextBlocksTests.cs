using System.Globalization;
using Zhongcao.Engine.Model;

namespace Zhongcao.Engine.Tests.Model;

public sealed class TextBlocksTests
{
    private static string Text(int i) => (i % 3) switch
    {
        0 => "上周末去了外滩，拍照超出片 📸 第" + i.ToString(CultureInfo.InvariantCulture) + "篇",
        1 => "Café crème number " + i.ToString(CultureInfo.InvariantCulture) + ", naïve façade — worth it",
        _ => new string('x', 40 + (i % 50)) + i.ToString(CultureInfo.InvariantCulture),
    };

    [Fact]
    public void Texts_read_back_exactly_from_open_and_sealed_blocks_in_any_order()
    {
        var blocks = new TextBlocks();
        var stored = new List<CompactText>();
        for (var i = 0; i < 500; i++)
        {
            stored.Add(blocks.Add(Text(i)));
            Assert.Equal(Text(i), stored[i].Value); // readable at once, while its block is open
        }

        Assert.True(blocks.SealedBlocks >= 500 / TextBlocks.BlockTexts);
        blocks.SealOpen();

        // Backwards and strided: every read may need another block than the thread's cached one.
        for (var i = stored.Count - 1; i >= 0; i--)
        {
            Assert.Equal(Text(i), stored[i].Value);
        }

        for (var i = 0; i < stored.Count; i += 7)
        {
            Assert.Equal(Text(i), stored[i].Value);
        }
    }

    [Fact]
    public void Reads_jumping_back_and_forth_inside_and_between_blocks_read_the_texts_exactly()
    {
        // A read unpacks its block only up to its own text: later reads further on continue the decoder, earlier ones
        // reuse the bytes, and reads of another block start over. Any order must give the same texts.
        var blocks = new TextBlocks();
        var stored = new List<CompactText>();
        for (var i = 0; i < 1_000; i++)
        {
            stored.Add(blocks.Add(Text(i) + new string('长', i % 97)));
        }

        blocks.SealOpen();
        var expected = Enumerable.Range(0, stored.Count).Select(i => Text(i) + new string('长', i % 97)).ToArray();
        var random = new Random(11);
        for (var k = 0; k < 5_000; k++)
        {
            // Mostly near the last read (the same block, either side), sometimes anywhere.
            var i = k % 5 == 0 ? random.Next(stored.Count) : Math.Clamp((k * 37 % stored.Count) + random.Next(-40, 40), 0, stored.Count - 1);
            Assert.Equal(expected[i], stored[i].Value);
        }

        // The last text of a block first, then the first: the whole block is unpacked before any earlier text is read.
        Assert.Equal(expected[^1], stored[^1].Value);
        Assert.Equal(expected[0], stored[0].Value);
        Assert.Equal(expected[^1], stored[^1].Value);
    }

    [Fact]
    public void A_block_seals_on_bytes_as_well_as_on_count()
    {
        var blocks = new TextBlocks();
        var big = new string('長', TextBlocks.BlockBytes / 3 / 3); // a third of a block of UTF-8
        var first = blocks.Add(big);
        var second = blocks.Add(big + "!");
        Assert.Equal(0, blocks.SealedBlocks);
        var third = blocks.Add(big + "?");
        Assert.Equal(1, blocks.SealedBlocks);
        Assert.Equal(big, first.Value);
        Assert.Equal(big + "!", second.Value);
        Assert.Equal(big + "?", third.Value);

        var huge = new string('ü', TextBlocks.BlockBytes * 3);
        var h = blocks.Add(huge);
        Assert.Equal(2, blocks.SealedBlocks);
        Assert.Equal(huge, h.Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("lone surrogate \uD83D in a long enough text")]
    [InlineData("reversed pair \uDE00\uD83D in a long enough text")]
    [InlineData("\0control\u0001chars and more than twelve")]
    public void Short_and_malformed_texts_keep_their_own_form_and_read_back(string text)
    {
        var blocks = new TextBlocks();
        var stored = blocks.Add(text);
        blocks.SealOpen();
        Assert.Equal(text, stored.Value);
        Assert.Equal(CompactText.From(text), stored);
    }

    [Fact]
    public void Equality_and_hashing_follow_the_text_across_forms()
    {
        var blocks = new TextBlocks();
        var text = "Plain latin body that is long enough";
        var packed = blocks.Add(text);
        var packedAgain = blocks.Add(string.Concat("Plain latin body ", "that is long enough"));
        blocks.SealOpen();
        var own = CompactText.From(text);
        Assert.Equal(own, packed);
        Assert.Equal(packed, own);
        Assert.Equal(packed, packedAgain);
        Assert.Equal(own.GetHashCode(), packed.GetHashCode());
        Assert.NotEqual(CompactText.From(text + "!"), packed);

        var a = new Note { Id = "n1", AuthorId = "u1", Body = text };
        var b = a with { BodyText = packed };
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal(text, b.Body);
    }

    [Fact]
    public void Readers_on_other_threads_read_sealed_blocks_while_the_writer_appends()
    {
        var blocks = new TextBlocks();
        var stored = new CompactText[4000];
        var published = 0;
        var failures = 0;
        var readers = Enumerable.Range(0, 3).Select(r => Task.Run(() =>
        {
            var random = new Random(r);
            while (Volatile.Read(ref published) < stored.Length)
            {
                var n = Volatile.Read(ref published);
                if (n == 0)
                {
                    continue;
                }

                var i = random.Next(n);
                if (stored[i].Value != Text(i))
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })).ToArray();

        for (var i = 0; i < stored.Length; i++)
        {
            stored[i] = blocks.Add(Text(i));
            Volatile.Write(ref published, i + 1);
        }

        Task.WaitAll(readers);
        Assert.Equal(0, failures);
    }
}
