namespace Zhongcao.Engine.Model;

/// <summary>One image, video or live stream attached to a note, with the facts the client supplied.</summary>
public readonly record struct MediaItem(MediaType Type, int Width, int Height, int DurationMs);
