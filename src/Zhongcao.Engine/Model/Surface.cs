namespace Zhongcao.Engine.Model;

/// <summary>Where an impression happened. Persisted: never renumber.</summary>
public enum Surface : byte
{
    Feed = 0,
    Search = 1,
    Profile = 2,
    Related = 3,
}
