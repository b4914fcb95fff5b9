using Zhongcao.Engine.Identity;

namespace Zhongcao.Engine.Distribution;

/// <summary>
/// Assigns authors to arms by a stable hash of the author's user id. A note's state machine can follow
/// only one policy, so the arm is the author's (all of an author's notes share it); hashing viewers instead
/// would mix both policies' traffic into one note. The hash is stable across processes and versions.
/// </summary>
public static class ExperimentArms
{
    /// <summary>The arm of <paramref name="authorId"/>, or null when no arms are configured.</summary>
    public static DistributionArm? ArmOf(DistributionOptions options, string authorId)
    {
        var total = 0;
        foreach (var arm in options.Arms)
        {
            total += Math.Max(0, arm.Weight);
        }

        if (total == 0)
        {
            return null;
        }

        var bucket = (int)(StableHash.Hash64("arm:" + authorId) % (ulong)total);
        foreach (var arm in options.Arms)
        {
            bucket -= Math.Max(0, arm.Weight);
            if (bucket < 0)
            {
                return arm;
            }
        }

        return null;
    }

    /// <summary>The policy that applies to notes of <paramref name="authorId"/>.</summary>
    public static DistributionPolicy PolicyOf(DistributionOptions options, string authorId) =>
        ArmOf(options, authorId)?.Policy ?? options.Policy;
}
