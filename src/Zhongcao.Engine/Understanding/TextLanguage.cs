namespace Zhongcao.Engine.Understanding;

/// <summary>Detected language of a note's text.</summary>
public enum TextLanguage : byte
{
    /// <summary>No letters to judge, or a script/vocabulary other than Chinese and English.</summary>
    Other = 0,

    /// <summary>Chinese (Han characters dominate).</summary>
    Chinese = 1,

    /// <summary>English (Latin words from English vocabulary dominate).</summary>
    English = 2,

    /// <summary>Chinese and English both carry a real share of the text.</summary>
    Mixed = 3,
}
