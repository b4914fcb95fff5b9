namespace Zhongcao.Engine.Model;

/// <summary>Kind of media attached to a note. Persisted: never renumber.</summary>
public enum MediaType : byte
{
    Image = 0,
    Video = 1,
    Live = 2,
}
