namespace Zhongcao.Simulation.Datasets;

/// <summary>Interaction file layouts understood by <see cref="InteractionFileReader"/>.</summary>
public enum DatasetFormat
{
    /// <summary>MovieLens <c>u.data</c>: <c>user \t item \t rating \t unix_ts</c>, no header.</summary>
    MovieLens = 0,

    /// <summary>RecBole atomic <c>.inter</c>: a tab-separated header of <c>name:type</c> columns (user_id, item_id, rating, timestamp).</summary>
    RecBole = 1,

    /// <summary>CSV with a header naming user, item and optionally rating and timestamp columns.</summary>
    Csv = 2,
}
