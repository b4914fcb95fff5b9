namespace Zhongcao.Simulation.Simulator;

/// <summary>What one viewer did with one impression. Every flag after <see cref="Click"/> implies a click, except the negatives.</summary>
internal record struct ImpressionOutcome
{
    public bool Click;
    public int DwellMs;
    public bool Like;
    public bool Save;
    public bool Comment;
    public bool Share;
    public bool Follow;

    /// <summary>Opened and left within a couple of seconds (a quick bounce the engine counts as negative).</summary>
    public bool ScrollAway;
    public bool NotInterested;
    public bool Report;

    /// <summary>The viewer stopped the session after this impression.</summary>
    public bool EndSession;
}
