namespace Zhongcao.Engine.Understanding;

/// <summary>Kinds of cue word the analyzer counts.</summary>
internal enum Cue : byte
{
    FirstPerson,
    Sales,
    CallToBuy,
    Purchase,
    ProductNoun,
    Superlative,
    Place,
}
