using System.Diagnostics;
using System.Text.RegularExpressions;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Deploy.Tests.Docker;

/// <summary>
/// The silo published exactly as silo.Dockerfile's build stage does it: every RUN of that stage, run from the
/// repository root (the stage's copy of the sources) with the image path /app replaced by a temporary directory.
/// Published once per test run.
/// </summary>
public sealed class PublishedSilo : IAsyncLifetime
{
    public const string ImageAppDirectory = "/app";

    public Dockerfile Dockerfile { get; } = Dockerfile.Load("silo.Dockerfile");

    public string Directory { get; } = TestData.NewTempDirectory("rr-silo-publish");

    public async ValueTask InitializeAsync()
    {
        foreach (var command in Dockerfile.RunCommands(Dockerfile.Stage("build")))
        {
            var local = Regex.Replace(command, $@"(?<=\s){Regex.Escape(ImageAppDirectory)}(?=/|\s|$)", Directory);
            var start = new ProcessStartInfo("bash", ["-c", local])
            {
                WorkingDirectory = TestData.RepositoryRoot,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"'{local}' failed with exit code {process.ExitCode}:\n{await output}\n{await error}");
        }
    }

    public ValueTask DisposeAsync()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { } // a leftover temporary directory is harmless
        return ValueTask.CompletedTask;
    }
}
