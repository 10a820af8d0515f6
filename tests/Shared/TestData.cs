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

    /// <summary>A fresh, empty temporary directory for one test's outputs.</summary>
    public static string NewTempDirectory(string prefix = "rr-test")
    {
        var dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (System.IO.File.Exists(System.IO.Path.Combine(dir.FullName, "RelevanceRelated.sln"))) return dir.FullName;
        throw new InvalidOperationException($"RelevanceRelated.sln not found above {AppContext.BaseDirectory}");
    }
}
