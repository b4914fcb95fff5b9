namespace Zhongcao.Engine.Identity;

/// <summary>
/// Maps external string ids to dense int indexes, assigned in log order, so that state can live in
/// arrays and compact sets. Because indexes follow log order, they are identical after replay.
/// </summary>
public sealed class IdMap
{
    private readonly Dictionary<string, int> _byId = new(StringComparer.Ordinal);
    private readonly List<string> _ids = [];

    public int Count => _ids.Count;

    public bool TryGet(string id, out int index) => _byId.TryGetValue(id, out index);

    public int GetOrAdd(string id)
    {
        if (_byId.TryGetValue(id, out var index))
        {
            return index;
        }

        index = _ids.Count;
        _ids.Add(id);
        _byId.Add(id, index);
        return index;
    }

    public string this[int index] => _ids[index];
}
