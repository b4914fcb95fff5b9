using Zhongcao.Engine.Governance.Enforcement;
using Zhongcao.Engine.Model;

namespace Zhongcao.Engine.Log;

/// <summary>
/// A moderator's decision on a case (or on an appeal when <see cref="AppealId"/> is set). When it changes a
/// note's distribution the server writes a <see cref="NoteAssessed"/> with <see cref="NoteVerdict"/> in the
/// same atomic batch, so the pools module needs nothing new.
/// </summary>
public sealed record ModerationDecided : LogEntry
{
    public override LogEntryKind Kind => LogEntryKind.ModerationDecided;

    public required string DecisionId { get; init; }

    public required string ModeratorId { get; init; }

    /// <summary>"note:{id}", "user:{id}" or "brand:{id}".</summary>
    public required string Subject { get; init; }

    public required ModerationOutcome Outcome { get; init; }

    /// <summary>The ladder a strike goes on (Uphold/Change), <see cref="ViolationLadder.None"/> for none.</summary>
    public ViolationLadder Ladder { get; init; }

    /// <summary>For note subjects: the verdict now in force (null = unchanged).</summary>
    public PublicationVerdict? NoteVerdict { get; init; }

    /// <summary>For channel violations: the brand whose promotion was unauthorised ("" = none).</summary>
    public string BrandId { get; init; } = "";

    /// <summary>The appeal this decides ("" = a first decision on a case).</summary>
    public string AppealId { get; init; } = "";

    public required string Facts { get; init; }

    public required string Rule { get; init; }
}
