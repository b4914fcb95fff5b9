namespace Zhongcao.Engine.Understanding;

/// <summary>A tag with a confidence in [0, 1] and where it came from (hashtag, keyword, category).</summary>
public sealed record TagScore(string Tag, double Confidence, string Source);
