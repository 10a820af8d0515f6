using System.Text.Json;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Deploy.Tests.Docker;

/// <summary>One instruction of a Dockerfile: its keyword and its arguments with line continuations joined.</summary>
public sealed record DockerInstruction(string Keyword, string Arguments, int Line);

/// <summary>
/// The parts of a Dockerfile the tests check: stages, and per stage its RUN, ENV, WORKDIR, EXPOSE and ENTRYPOINT.
/// Enough of the syntax for our own files (comments, continuations, JSON-form ENTRYPOINT, ENV key=value).
/// </summary>
public sealed class Dockerfile
{
    private Dockerfile(string path, IReadOnlyList<IReadOnlyList<DockerInstruction>> stages)
    {
        Path = path;
        Stages = stages;
    }

    public string Path { get; }

    /// <summary>Instructions grouped by FROM; the last stage is the image that runs.</summary>
    public IReadOnlyList<IReadOnlyList<DockerInstruction>> Stages { get; }

    public IReadOnlyList<DockerInstruction> FinalStage => Stages[^1];

    public static Dockerfile Load(string name) => Parse(System.IO.Path.Combine(TestData.RepositoryRoot, "deploy", "docker", name));

    public static Dockerfile Parse(string path)
    {
        var stages = new List<List<DockerInstruction>>();
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var start = i + 1;
            while (line.EndsWith('\\') && i + 1 < lines.Length)
            {
                var next = lines[++i].Trim();
                if (next.StartsWith('#')) continue;
                line = line[..^1].TrimEnd() + " " + next;
            }
            var space = line.IndexOf(' ');
            var keyword = (space < 0 ? line : line[..space]).ToUpperInvariant();
            var arguments = space < 0 ? "" : line[(space + 1)..].Trim();
            if (keyword == "FROM") stages.Add([]);
            if (keyword is "ARG" && stages.Count == 0) continue; // global build arguments precede the first FROM
            if (stages.Count == 0) throw new FormatException($"{path}:{start}: {keyword} before the first FROM");
            stages[^1].Add(new DockerInstruction(keyword, arguments, start));
        }
        return new Dockerfile(path, stages);
    }

    /// <summary>ENTRYPOINT in JSON (exec) form.</summary>
    public IReadOnlyList<string> Entrypoint =>
        JsonSerializer.Deserialize<string[]>(FinalStage.Last(i => i.Keyword == "ENTRYPOINT").Arguments)
        ?? throw new FormatException($"{Path}: ENTRYPOINT is not a JSON array");

    public string WorkDirectory => FinalStage.Last(i => i.Keyword == "WORKDIR").Arguments;

    /// <summary>The final stage's ENV values (key=value form, one per instruction).</summary>
    public IReadOnlyDictionary<string, string> Environment => FinalStage
        .Where(i => i.Keyword == "ENV")
        .Select(i => i.Arguments.Split('=', 2))
        .ToDictionary(kv => kv[0], kv => kv[1].Trim('"'), StringComparer.Ordinal);

    public IReadOnlyList<int> ExposedPorts => FinalStage
        .Where(i => i.Keyword == "EXPOSE")
        .SelectMany(i => i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        .Select(int.Parse)
        .ToList();

    /// <summary>The stage named <paramref name="name"/> (FROM ... AS name).</summary>
    public IReadOnlyList<DockerInstruction> Stage(string name) => Stages.Single(s =>
        s[0].Arguments.EndsWith($" AS {name}", StringComparison.OrdinalIgnoreCase));

    /// <summary>The shell commands of a stage's RUN instructions, in order.</summary>
    public static IEnumerable<string> RunCommands(IReadOnlyList<DockerInstruction> stage) =>
        stage.Where(i => i.Keyword == "RUN").Select(i => i.Arguments);
}
