using System.Globalization;
using System.Text;

namespace Zhongcao.Simulation.Community;

/// <summary>Assembles note titles and bodies from the phrase banks, filling slots from one seeded random source.</summary>
internal sealed class NoteWriter(Random random)
{
    public string Title(CategoryBank bank, bool zh, string item, string place, int price) =>
        Fill(Pick(zh ? NotePhrases.ZhTitles : NotePhrases.EnTitles), item, place, price);

    /// <summary>An opener, one or two category details, sometimes steps, and a closer; hype lines when <paramref name="hype"/>.</summary>
    public string Body(CategoryBank bank, bool zh, string item, string place, int price, bool hype)
    {
        var sb = new StringBuilder(256);
        var sep = zh ? "" : " ";
        sb.Append(Pick(zh ? NotePhrases.ZhOpeners : NotePhrases.EnOpeners));
        var details = zh ? bank.ZhDetails : bank.EnDetails;
        var first = random.Next(details.Length);
        sb.Append(sep).Append(Fill(details[first], item, place, price));
        if (random.NextDouble() < 0.6)
        {
            sb.Append(sep).Append(Fill(details[(first + 1) % details.Length], item, place, price));
        }

        if (random.NextDouble() < 0.4)
        {
            foreach (var step in zh ? NotePhrases.ZhSteps : NotePhrases.EnSteps)
            {
                sb.Append('\n').Append(Fill(step, item, place, price));
            }
        }

        if (hype)
        {
            sb.Append('\n').Append(Fill(Pick(zh ? NotePhrases.ZhHype : NotePhrases.EnHype), item, place, price));
        }

        sb.Append('\n').Append(Pick(zh ? NotePhrases.ZhClosers : NotePhrases.EnClosers));
        return sb.ToString();
    }

    public string Pick(string[] options) => options[random.Next(options.Length)];

    /// <summary>A shop-like price: a round-ish amount ending in 9 within the category's range.</summary>
    public int Price(CategoryBank bank)
    {
        var raw = bank.PriceMin + (random.NextDouble() * random.NextDouble() * (bank.PriceMax - bank.PriceMin));
        return Math.Max(9, ((int)(raw / 10) * 10) + 9);
    }

    private string Fill(string template, string item, string place, int price) =>
        template
            .Replace("{item}", item, StringComparison.Ordinal)
            .Replace("{place}", place, StringComparison.Ordinal)
            .Replace("{price}", "¥" + price.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{n}", (2 + random.Next(11)).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
}
