namespace Zhongcao.Engine.Evaluation;

/// <summary>One user–item interaction as read from a dataset (ids as strings, so any format maps onto it).</summary>
/// <param name="User">User id.</param>
/// <param name="Item">Item id.</param>
/// <param name="Rating">Explicit rating when the dataset has one, else 1.</param>
/// <param name="Timestamp">Seconds since the Unix epoch (0 when unknown).</param>
public readonly record struct RawInteraction(string User, string Item, float Rating, long Timestamp);
