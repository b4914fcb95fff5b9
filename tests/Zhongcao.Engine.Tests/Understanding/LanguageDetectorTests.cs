using Zhongcao.Engine.Understanding;

namespace Zhongcao.Engine.Tests.Understanding;

public class LanguageDetectorTests
{
    private static TextLanguage Detect(string s) => LanguageDetector.Detect(TextNormalizer.Normalize(s));

    [Theory]
    [InlineData("今天去吃了一家超好吃的火锅，环境也不错", TextLanguage.Chinese)]
    [InlineData("今天用了 Dior 的口红，颜色很显白", TextLanguage.Chinese)] // a brand name does not make it mixed
    [InlineData("We tried the new ramen place downtown and it was really good", TextLanguage.English)]
    [InlineData("This is my 最爱 jacket for the winter", TextLanguage.English)]
    [InlineData("周末 brunch 好去处 the pancakes are so fluffy and the coffee is great 推荐", TextLanguage.Mixed)]
    [InlineData("今日は渋谷でカフェに行きました", TextLanguage.Other)] // Japanese
    [InlineData("Сегодня хорошая погода", TextLanguage.Other)] // Russian
    [InlineData("12345 !!! 🎉", TextLanguage.Other)]
    [InlineData("", TextLanguage.Other)]
    [InlineData("jalan bukit bintang cheras puchong", TextLanguage.Other)] // Latin script, not English vocabulary
    [InlineData("繁體中文的筆記也是中文", TextLanguage.Chinese)]
    public void Detects_language_by_script_and_vocabulary(string text, TextLanguage expected)
    {
        Assert.Equal(expected, Detect(text));
    }
}
