using Zhongcao.Engine.Distribution;

namespace Zhongcao.Server.Contracts;

/// <summary>A note's distribution stage and pool level, shown with the note (details: <c>GET /v1/notes/{id}/analytics</c>).</summary>
public sealed record DistributionSummary(DistributionStage Stage, int Level);
