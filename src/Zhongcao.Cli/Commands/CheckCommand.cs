using System.CommandLine;
using Zhongcao.Engine.Governance;
using Zhongcao.Engine.Governance.Decisions;

namespace Zhongcao.Cli.Commands;

/// <summary>
/// <c>zhongcao check [draft] [--json]</c>: runs the publication gate on a draft (JSON, Markdown or plain text with
/// front matter; "-" or no argument reads stdin). Exit 0 allow, 1 limit or review, 2 reject; 64 usage, 65 bad draft,
/// 66 missing file.
/// </summary>
public static class CheckCommand
{
    /// <summary>Draft could not be parsed (EX_DATAERR).</summary>
    public const int DataError = 65;

    /// <summary>Draft file missing (EX_NOINPUT).</summary>
    public const int NoInput = 66;

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var draft = new Argument<string?>("draft") { Description = "Draft file (.json, .md, .txt); '-' or omitted reads stdin", Arity = ArgumentArity.ZeroOrOne };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON" };
        var command = new Command("check", "Check a draft note: quality score with tips, compliance findings, and the publication decision.") { draft, json };
        command.SetAction((parse, _) =>
        {
            var config = parse.InvocationConfiguration;
            var color = !parse.GetValue(json) && ReferenceEquals(config.Output, Console.Out) && !Console.IsOutputRedirected
                && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
            return Task.FromResult(Run(parse.GetValue(draft), parse.GetValue(json), Console.In, config.Output, config.Error, color));
        });
        return command;
    }

    /// <summary>Runs the check; testable without a console.</summary>
    public static int Run(string? path, bool json, TextReader stdin, TextWriter output, TextWriter error, bool color = false)
    {
        ArgumentNullException.ThrowIfNull(stdin);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (path is { Length: > 1 } && path[0] == '-')
        {
            error.WriteLine($"zhongcao check: unknown option '{path}'. Usage: zhongcao check [draft.json|draft.md|-] [--json]");
            return 64;
        }

        string text;
        var name = string.IsNullOrEmpty(path) || path == "-" ? "stdin" : Path.GetFileName(path);
        if (name == "stdin")
        {
            text = stdin.ReadToEnd();
        }
        else if (!File.Exists(path))
        {
            error.WriteLine($"zhongcao check: no such file: {path}");
            return NoInput;
        }
        else
        {
            text = File.ReadAllText(path!);
        }

        Zhongcao.Engine.Model.Note note;
        try
        {
            note = DraftReader.Parse(text, name);
        }
        catch (FormatException ex)
        {
            error.WriteLine("zhongcao check: " + ex.Message);
            return DataError;
        }

        var result = PublicationGate.CreateDefault(TimeProvider.System).Check(note);
        if (json)
        {
            CheckReport.WriteJson(output, result);
        }
        else
        {
            CheckReport.WriteText(output, note, result, color);
        }

        return result.Decision.Outcome switch
        {
            Outcome.Allow => 0,
            Outcome.Limit or Outcome.Review => 1,
            _ => 2,
        };
    }
}
