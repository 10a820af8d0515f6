namespace RelevanceRelated.Tests;

/// <summary>
/// Locates the repository and the shared, read-only test data (../shared/data beside the repository).
/// Compiled into every test project (see the test .csproj files).
/// </summary>
public static class TestData
{
    /// <summary>The repository root: the nearest ancestor of the test binary that holds RelevanceRelated.sln.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>../shared/data relative to the repository root; overridable with RELEVANCERELATED_SHARED_DATA.</summary>
    public static string SharedData { get; } =
        Environment.GetEnvironmentVariable("RELEVANCERELATED_SHARED_DATA") is { Length: > 0 } env
            ? env
            : Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "data"));

    /// <summary>A file under the shared data folder, e.g. <c>Path("nifti", "minimal.nii")</c>; fails if it is missing.</summary>
    public static string File(params string[] parts)
    {
        var path = System.IO.Path.Combine([SharedData, .. parts]);
        if (!System.IO.File.Exists(path)) throw new FileNotFoundException($"Shared test file not found: {path}", path);
        return path;
    }

    /// <summary>
    /// A fresh, empty temporary directory for one test's outputs, inside a per-process folder that is removed when the
    /// test process exits (set RELEVANCERELATED_KEEP_TEST_OUTPUT=1 to keep it for inspection).
    /// </summary>
    public static string NewTempDirectory(string prefix = "rr-test")
    {
        var dir = System.IO.Path.Combine(TestOutputRoot.Value, $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static readonly Lazy<string> TestOutputRoot = new(() =>
    {
        var root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"rr-tests-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        if (Environment.GetEnvironmentVariable("RELEVANCERELATED_KEEP_TEST_OUTPUT") is not { Length: > 0 })
            AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteQuietly(root);
        return root;
    });

    private static void DeleteQuietly(string directory)
    {
        try { Directory.Delete(directory, recursive: true); }
        catch (IOException) { /* a child process may still hold a file; the OS temp cleaner gets it */ }
        catch (UnauthorizedAccessException) { }
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (System.IO.File.Exists(System.IO.Path.Combine(dir.FullName, "RelevanceRelated.sln"))) return dir.FullName;
        throw new InvalidOperationException($"RelevanceRelated.sln not found above {AppContext.BaseDirectory}");
    }
}
