namespace Zhongcao.Engine.Model;

/// <summary>Lifestyle notes are distributed broadly; product notes go to users with purchase intent. Persisted: never renumber.</summary>
public enum NoteKind : byte
{
    Lifestyle = 0,
    Product = 1,
}
