using System.CommandLine;
using Zhongcao.Engine.Governance;
using Zhongcao.Engine.Governance.Compliance;
using Zhongcao.Engine.Governance.Decisions;
using Zhongcao.Engine.Understanding;

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
        var packs = new Option<string?>("--packs") { Description = "Folder of operator packs (*.json, *.tsv); a pack replaces the default pack with the same id" };
        var command = new Command("check", "Check a draft note: quality score with tips, compliance findings, and the publication decision.") { draft, json, packs };
        command.SetAction((parse, _) =>
        {
            var config = parse.InvocationConfiguration;
            var color = !parse.GetValue(json) && ReferenceEquals(config.Output, Console.Out) && !Console.IsOutputRedirected
                && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
            return Task.FromResult(Run(parse.GetValue(draft), parse.GetValue(json), Console.In, config.Output, config.Error, color, parse.GetValue(packs)));
        });
        return command;
    }

    /// <summary>Runs the check; testable without a console.</summary>
    public static int Run(string? path, bool json, TextReader stdin, TextWriter output, TextWriter error, bool color = false, string? packsFolder = null)
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

        PublicationGate gate;
        try
        {
            gate = packsFolder is null ? PublicationGate.CreateDefault(TimeProvider.System) : GateWithPacks(packsFolder);
        }
        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException or IOException)
        {
            error.WriteLine($"zhongcao check: cannot load packs from {packsFolder}: {ex.Message}");
            return DataError;
        }

        var result = gate.Check(note);
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

    /// <summary>Default packs with the operator's folder layered on top: same pack id replaces, new ids add.</summary>
    private static PublicationGate GateWithPacks(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new IOException("no such folder");
        }

        var files = Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal).Select(f => (Path.GetFileName(f), File.ReadAllText(f)));
        return PublicationGate.WithOperatorPacks(files, TimeProvider.System);
    }
}
