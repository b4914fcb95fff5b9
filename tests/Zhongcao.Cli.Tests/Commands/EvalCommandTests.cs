using System.Text;
using System.Text.Json;
using Zhongcao.Cli;
using Zhongcao.Cli.Commands;

namespace Zhongcao.Cli.Tests.Commands;

public class EvalCommandTests
{
    [Fact]
    public void Csv_dataset_prints_a_table_and_writes_json_per_model()
    {
        var dir = Path.Combine(Path.GetTempPath(), "zc-eval-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var data = Path.Combine(dir, "inter.csv");
        var csv = new StringBuilder("user_id,item_id,rating,timestamp\n");

        // Two taste groups of 30 users over 40 items: group g engages items g*20 .. g*20+19 (most of them).
        for (var u = 0; u < 60; u++)
        {
            for (var i = 0; i < 20; i++)
            {
                if ((u + i) % 4 != 0)
                {
                    csv.Append($"u{u},i{((u % 2) * 20) + i},5,{(u * 100) + i}\n");
                }
            }
        }

        File.WriteAllText(data, csv.ToString());
        var json = Path.Combine(dir, "out.json");
        var o = new StringWriter();
        var e = new StringWriter();
        Assert.Equal(0, EvalCommand.Run(data, "csv", "random", 10, 7, json, o, e));
        Assert.Contains("itemKnn", o.ToString());
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var models = doc.RootElement.GetProperty("models");
        foreach (var m in new[] { "engine", "engine+model", "model rerank", "popularity", "itemKnn" })
        {
            Assert.InRange(models.GetProperty(m).GetProperty("recall@10").GetDouble(), 0, 1);
        }

        Assert.True(models.GetProperty("engine").GetProperty("ndcg@10").GetDouble() > models.GetProperty("popularity").GetProperty("ndcg@10").GetDouble());
    }

    [Fact]
    public void Bad_arguments_exit_2_and_a_missing_file_exits_1()
    {
        var o = new StringWriter();
        var e = new StringWriter();
        Assert.Equal(CliApp.UsageError, EvalCommand.Run("x", "parquet", "random", 10, 1, null, o, e));
        Assert.Equal(CliApp.UsageError, EvalCommand.Run("x", "movielens", "sideways", 10, 1, null, o, e));
        Assert.Equal(CliApp.UsageError, EvalCommand.Run("x", "movielens", "random", 0, 1, null, o, e));
        Assert.Equal(1, EvalCommand.Run(Path.Combine(Path.GetTempPath(), "no-such-" + Guid.NewGuid().ToString("N")), "movielens", "random", 10, 1, null, o, e));
        Assert.Contains("not found", e.ToString());
    }

    [Fact]
    public async Task Missing_dataset_option_is_a_usage_error()
    {
        var err = new StringWriter();
        Assert.Equal(CliApp.UsageError, await CliApp.RunAsync(["eval"], new StringWriter(), err));
    }
}
