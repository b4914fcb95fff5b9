using Zhongcao.Cli.Bench;

namespace Zhongcao.Cli.Tests.Commands;

public class BenchAndDemoArgumentTests
{
    private static async Task<(int Code, string Error)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error);
        return (code, error.ToString());
    }

    [Theory]
    [InlineData("demo", "--users", "1")]
    [InlineData("demo", "--users", "many")]
    [InlineData("demo", "--seed", "x")]
    [InlineData("bench", "--events", "ten")]
    [InlineData("bench", "--scale", "lots")]
    [InlineData("bench", "--scale", "10")]
    [InlineData("bench", "--scale", "1m", "--events-per-note", "-1")]
    public async Task Bad_arguments_exit_with_the_usage_code(params string[] args)
    {
        var (code, error) = await Run(args);

        Assert.Equal(CliApp.UsageError, code);
        Assert.Contains("zhongcao", error);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("two")]
    [InlineData("1,,17")]
    public async Task Impossible_node_counts_are_refused_before_any_database_is_touched(string nodes)
    {
        // Nothing listens on port 1: reaching the database would fail differently (exit code 1).
        var (code, _) = await Run("bench", "--db", "Host=127.0.0.1;Port=1", "--nodes", nodes);

        Assert.Equal(CliApp.UsageError, code);
    }

    [Theory]
    [InlineData(0, "--concurrency")]
    [InlineData(500, "--concurrency")]
    public void Impossible_bench_sizes_are_named(int concurrency, string option)
    {
        Assert.Contains(option, new BenchOptions { Concurrency = concurrency }.Validate());
    }

    [Fact]
    public void The_default_and_smoke_bench_sizes_are_valid()
    {
        var defaults = new BenchOptions();

        Assert.Null(defaults.Validate());
        Assert.Null(BenchOptions.Smoke(defaults).Validate());
        Assert.True(BenchOptions.Smoke(defaults).Events < defaults.Events);
    }

    [Fact]
    public void More_http_notes_than_notes_is_refused()
    {
        Assert.Contains("--http-notes", new BenchOptions { Notes = 10, HttpNotes = 11 }.Validate());
    }

    [Theory]
    [InlineData("1m", 1_000_000)]
    [InlineData("200k", 200_000)]
    [InlineData("1.5M", 1_500_000)]
    [InlineData(" 5000 ", 5_000)]
    public void Scale_sizes_accept_k_and_m_suffixes(string text, int expected)
    {
        Assert.Equal(expected, ScaleOptions.ParseSize(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("99")]
    [InlineData("1g")]
    [InlineData("21m")]
    public void Impossible_scale_sizes_are_refused(string text)
    {
        Assert.Null(ScaleOptions.ParseSize(text));
    }
}
