namespace Zhongcao.Engine.Governance.Enforcement;

/// <summary>Result of checking a chain: valid, or the number of the first entry that does not chain (null when valid).</summary>
public sealed record AuditVerification(bool Valid, long? FirstBrokenEntry);
