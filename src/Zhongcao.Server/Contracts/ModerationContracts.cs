using Zhongcao.Engine.Governance.Enforcement;
using Zhongcao.Engine.Model;

namespace Zhongcao.Server.Contracts;

/// <summary>Body of <c>POST /v1/reports</c>: exactly one of noteId and userId.</summary>
public sealed class ReportRequest
{
    public required string ReporterId { get; init; }
    public string? NoteId { get; init; }
    public string? UserId { get; init; }
    public required string Reason { get; init; }
}

/// <summary>Body of <c>POST /v1/appeals</c>: the affected user appeals one audited decision.</summary>
public sealed class AppealRequest
{
    public required string UserId { get; init; }
    public required long AuditNumber { get; init; }
    public required string Statement { get; init; }
}

/// <summary>Body of <c>POST /v1/moderation/decisions</c>.</summary>
public sealed class DecisionRequest
{
    public required string ModeratorId { get; init; }

    /// <summary>"note:{id}", "user:{id}" or "brand:{id}".</summary>
    public required string Subject { get; init; }
    public required ModerationOutcome Outcome { get; init; }
    public ViolationLadder Ladder { get; init; }

    /// <summary>For notes: the verdict now in force (allow restores distribution, limit = 14-day limit).</summary>
    public PublicationVerdict? NoteVerdict { get; init; }
    public string? BrandId { get; init; }

    /// <summary>Set when the decision decides an appeal.</summary>
    public string? AppealId { get; init; }
    public required string Facts { get; init; }
    public required string Rule { get; init; }
}

/// <summary>One case of the review queue.</summary>
public sealed record QueueItem(string Subject, double Priority, double Risk, int Reports, DateTimeOffset OpenedAt, IReadOnlyList<string> Reasons);

/// <summary>The audit log, optionally verified.</summary>
public sealed record AuditResponse(IReadOnlyList<AuditEntry> Entries, bool? Valid, long? FirstBrokenEntry);
