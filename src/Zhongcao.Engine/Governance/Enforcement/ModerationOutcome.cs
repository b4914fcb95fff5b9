namespace Zhongcao.Engine.Governance.Enforcement;

/// <summary>What a moderator decided about a case or an appeal. Persisted in the log: never renumber.</summary>
public enum ModerationOutcome : byte
{
    /// <summary>The restriction (automated or reported) stands; with a ladder, the account takes a strike.</summary>
    Uphold = 0,

    /// <summary>The restriction is lifted and distribution restored.</summary>
    Overturn = 1,

    /// <summary>A different penalty replaces the one in force (the note verdict in the decision applies).</summary>
    Change = 2,
}
