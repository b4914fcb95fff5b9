namespace Zhongcao.Engine.Distribution;

public sealed partial class DistributionModule
{
    /// <summary>
    /// Takes back what a viewer, flagged as fraudulent after the fact, contributed to a note's current
    /// counters: their first impression and counted actions no longer weigh on graduation. Called by the
    /// governance module while it applies the entry that raised the flag (it runs before this module), so
    /// replay retracts at the same point. Hourly analytics buckets keep their history (they are a record of
    /// what happened, not a decision input).
    /// </summary>
    public void ExcludeViewer(int noteIndex, int userIndex)
    {
        if (Of(noteIndex) is not { } d || !d.Viewers.TryGetValue(userIndex, out var rec) || rec.Has(ViewerRecord.ExcludedBit))
        {
            return;
        }

        // The record holds the stage as reported at the impression, which is "limited" under a limit overlay: an
        // impression recorded in the same pool stage, limited or not, is in the current counters.
        var recorded = (DistributionStage)rec.Stage;
        var sameStage = (recorded == d.PoolStage || recorded == DistributionStage.Limited) && d.Current.Impressions > 0;
        for (var k = 0; k < ActionKinds.Count; k++)
        {
            if (!rec.Has(k))
            {
                continue;
            }

            var w = Weights.Of((ActionKind)k);
            d.Total.Actions[k]--;
            d.Total.Weighted -= w;
            if (sameStage && d.Current.Actions[k] > 0)
            {
                d.Current.Actions[k]--;
                d.Current.Weighted -= w;
            }

            rec.Clear(k);
        }

        d.Total.Impressions--;
        if (sameStage)
        {
            d.Current.Impressions--;
            _index.Update(d); // one less delivered: back along its buckets' schedule order
        }

        rec.Set(ViewerRecord.ExcludedBit);
        d.Viewers[userIndex] = rec;
        d.Excluded++;
    }
}
