using Zhongcao.Engine.Governance.Compliance;
using Zhongcao.Engine.Governance.Decisions;
using Zhongcao.Engine.Understanding;

namespace Zhongcao.Engine.Governance;

/// <summary>Everything the publication gate found about a note.</summary>
public sealed record GateResult(NoteUnderstanding Understanding, QualityScore Quality, IReadOnlyList<Finding> Findings, GateDecision Decision);
