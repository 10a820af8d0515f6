using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Configuration;
using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Hosting;

namespace RelevanceRelated.Deploy.Tests.Docker;

/// <summary>A silo running as its own process, as in a container: started, probed over HTTP, sent SIGTERM.</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly int _healthPort;

    private SiloProcess(Process process, int healthPort)
    {
        _process = process;
        _healthPort = healthPort;
    }

    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>The settings a silo would read from <paramref name="environment"/> alone.</summary>
    public static ClusterSettings Settings(IReadOnlyDictionary<string, string> environment) =>
        ClusterSettingsReader.FromConfiguration(new ConfigurationBuilder()
            .AddInMemoryCollection(environment.Select(kv => new KeyValuePair<string, string?>(kv.Key.Replace("__", ":"), kv.Value)))
            .Build());

    public static SiloProcess Start(string program, IReadOnlyList<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in environment) start.Environment[key] = value;
        var process = new Process { StartInfo = start };
        var silo = new SiloProcess(process, Settings(environment).HealthPort);
        process.OutputDataReceived += (_, e) => silo.Append(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    public async Task WaitHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The silo exited with {_process.ExitCode} before it was healthy:\n{Output}");
            try
            {
                var response = await http.GetAsync($"http://127.0.0.1:{_healthPort}{SiloHost.HealthPath}", TestContext.Current.CancellationToken);
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { } // not listening yet
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
        throw new TimeoutException($"The silo was not healthy within {timeout}:\n{Output}");
    }

    /// <summary>Waits for the process to end on its own and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    /// <summary>Sends SIGTERM (what docker stop and the kubelet send) and returns the exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()])!) await kill.WaitForExitAsync();
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }
}
