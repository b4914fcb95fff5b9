namespace Zhongcao.Engine.Model;

/// <summary>A declared commercial cooperation: which brand, through which channel (e.g. the platform's official channel).</summary>
public sealed record Sponsorship(string BrandId, string Channel);
