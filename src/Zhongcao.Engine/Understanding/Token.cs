namespace Zhongcao.Engine.Understanding;

/// <summary>A token: kind, span in the folded text, and folded value (for hashtags, the bare topic).</summary>
public readonly record struct Token(TokenKind Kind, int Start, int Length, string Value);
