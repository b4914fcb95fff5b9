namespace Zhongcao.Simulation.Community;

/// <summary>Generation-time facts about one note, used to draw its engagement.</summary>
internal sealed record SimNote(int Index, string Id, int Author, int Category, DateTimeOffset At, int Images, int VideoMs, double Appeal);
