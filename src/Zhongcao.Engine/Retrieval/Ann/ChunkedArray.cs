using System.Runtime.CompilerServices;

namespace Zhongcao.Engine.Retrieval.Ann;

/// <summary>
/// A growable array in chunks of <see cref="ChunkSize"/> elements: growth allocates only the chunks it needs (no
/// doubling, no copy of the contents), and an element never moves. One writer; a reader on another thread may read
/// any element the writer published to it through a lock.
/// </summary>
internal sealed class ChunkedArray<T>
    where T : struct
{
    public const int ChunkSize = 4096;
    private const int Shift = 12;
    private const int Mask = ChunkSize - 1;

    private T[][] _chunks = [];

    /// <summary>Elements the allocated chunks hold.</summary>
    public int Capacity => _chunks.Length << Shift;

    public ref T this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref _chunks[index >> Shift][index & Mask];
    }

    /// <summary>Allocates chunks (zeroed) until element <paramref name="count"/> − 1 exists.</summary>
    public void EnsureCapacity(int count)
    {
        var needed = (count + Mask) >> Shift;
        if (needed <= _chunks.Length)
        {
            return;
        }

        var grown = new T[needed][];
        Array.Copy(_chunks, grown, _chunks.Length);
        for (var i = _chunks.Length; i < needed; i++)
        {
            grown[i] = new T[ChunkSize];
        }

        Volatile.Write(ref _chunks, grown);
    }
}
