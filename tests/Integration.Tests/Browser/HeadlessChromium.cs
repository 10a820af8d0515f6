using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RelevanceRelated.Integration.Tests.Browser;

/// <summary>
/// Debian's Chromium, headless, driven over the Chrome DevTools protocol (a WebSocket; no driver package): one page
/// that opens files from disk with networking cut off (every host name resolves to nothing and every connection goes
/// to a closed proxy), WebGL2 through SwiftShader, and a record of console errors, uncaught exceptions and every URL the
/// page requested. Install Chromium with <c>apt-get install -y chromium</c> (./test.sh does).
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    public const string Executable = "/usr/bin/chromium";

    private readonly Process _process;
    private readonly ClientWebSocket _socket;
    private readonly string _profile;
    private string _session = "";
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonNode?>> _pending = new();
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _receiving;
    private readonly SemaphoreSlim _sending = new(1, 1);
    private TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _nextId;

    private HeadlessChromium(Process process, ClientWebSocket socket, string profile)
    {
        _process = process;
        _socket = socket;
        _profile = profile;
        _receiving = Task.Run(ReceiveAsync);
    }

    /// <summary>Console errors, uncaught exceptions and failed loads seen so far.</summary>
    public IReadOnlyList<string> Errors => [.. _errors];

    /// <summary>Every URL the page requested (documents, scripts, images).</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    /// <exception cref="InvalidOperationException">Chromium is not installed or did not start.</exception>
    public static async Task<HeadlessChromium> StartAsync(int width = 1280, int height = 900)
    {
        if (!File.Exists(Executable))
            throw new InvalidOperationException($"{Executable} is missing; install it with 'apt-get install -y chromium' (./test.sh does).");
        var profile = Directory.CreateTempSubdirectory("rr-chromium-").FullName;
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])
        [
            "--headless", "--no-sandbox", "--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
            "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
            $"--window-size={width},{height}", "--remote-debugging-port=0", $"--user-data-dir={profile}", "about:blank",
        ]) start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{Executable} did not start.");
        _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        var endpoint = await ReadEndpointAsync(process);
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(endpoint), CancellationToken.None);
        var browser = new HeadlessChromium(process, socket, profile);
        var target = await browser.SendAsync("Target.createTarget", new JsonObject { ["url"] = "about:blank" });
        var attached = await browser.SendAsync("Target.attachToTarget", new JsonObject { ["targetId"] = target!["targetId"]!.GetValue<string>(), ["flatten"] = true });
        browser._session = attached!["sessionId"]!.GetValue<string>();
        foreach (var domain in (string[])["Page.enable", "Runtime.enable", "Log.enable", "Network.enable"]) await browser.SendAsync(domain, new JsonObject());
        return browser;
    }

    /// <summary>Opens <paramref name="url"/> and waits for its load event.</summary>
    public async Task NavigateAsync(string url, TimeSpan timeout)
    {
        _loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await SendAsync("Page.navigate", new JsonObject { ["url"] = url });
        await _loaded.Task.WaitAsync(timeout);
    }

    /// <summary>The value of a JavaScript expression (promises awaited), as JSON.</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression)
    {
        var result = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true, ["awaitPromise"] = true });
        if (result?["exceptionDetails"] is { } exception) throw new InvalidOperationException($"'{expression}' threw: {exception.ToJsonString()}");
        return result?["result"]?["value"];
    }

    /// <summary>Polls <paramref name="condition"/> (a JavaScript expression) until it is true.</summary>
    /// <exception cref="TimeoutException">It stayed false; the message shows <paramref name="describe"/>'s value.</exception>
    public async Task WaitForAsync(string condition, TimeSpan timeout, string describe = "document.readyState")
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if ((await EvaluateAsync($"Boolean({condition})"))?.GetValue<bool>() == true) return;
            await Task.Delay(200);
        }
        throw new TimeoutException($"'{condition}' stayed false for {timeout.TotalSeconds} s; {describe} = {(await EvaluateAsync(describe))?.ToJsonString()}; errors: {string.Join(" | ", Errors)}");
    }

    private async Task<JsonNode?> SendAsync(string method, JsonObject parameters)
    {
        var id = Interlocked.Increment(ref _nextId);
        var reply = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters };
        if (_session.Length > 0) message["sessionId"] = _session;
        await _sending.WaitAsync();
        try
        {
            await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            _sending.Release();
        }
        return await reply.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[1 << 16];
        var message = new MemoryStream();
        try
        {
            while (!_stop.IsCancellationRequested && _socket.State == WebSocketState.Open)
            {
                var received = await _socket.ReceiveAsync(buffer, _stop.Token);
                message.Write(buffer, 0, received.Count);
                if (!received.EndOfMessage) continue;
                var node = JsonNode.Parse(message.ToArray());
                message.SetLength(0);
                if (node?["id"] is { } id && _pending.TryRemove(id.GetValue<int>(), out var reply))
                {
                    if (node["error"] is { } error) reply.SetException(new InvalidOperationException(error.ToJsonString()));
                    else reply.SetResult(node["result"]);
                }
                else if (node?["method"]?.GetValue<string>() is { } method) OnEvent(method, node["params"]);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (WebSocketException)
        {
        }
    }

    private void OnEvent(string method, JsonNode? parameters)
    {
        switch (method)
        {
            case "Page.loadEventFired":
                _loaded.TrySetResult();
                break;
            case "Runtime.exceptionThrown":
                _errors.Enqueue("exception: " + parameters?["exceptionDetails"]?.ToJsonString());
                break;
            case "Runtime.consoleAPICalled":
                var type = parameters?["type"]?.GetValue<string>();
                if (type is "error" or "assert") _errors.Enqueue($"console.{type}: {parameters?["args"]?.ToJsonString()}");
                break;
            case "Log.entryAdded":
                var entry = parameters?["entry"];
                if (entry?["level"]?.GetValue<string>() == "error") _errors.Enqueue($"log: {entry["text"]} {entry["url"]}");
                break;
            case "Network.requestWillBeSent":
                _requests.Enqueue(parameters?["request"]?["url"]?.GetValue<string>() ?? "");
                break;
            case "Network.loadingFailed":
                _errors.Enqueue("load failed: " + parameters?["errorText"]);
                break;
        }
    }

    private static async Task<string> ReadEndpointAsync(Process process)
    {
        const string marker = "DevTools listening on ";
        var lines = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await process.StandardError.ReadLineAsync(timeout.Token) is { } line)
        {
            lines.Add(line);
            var at = line.IndexOf(marker, StringComparison.Ordinal);
            if (at < 0) continue;
            // Keep draining stderr so Chromium never blocks on a full pipe.
            _ = process.StandardError.BaseStream.CopyToAsync(Stream.Null);
            return line[(at + marker.Length)..].Trim();
        }
        throw new InvalidOperationException($"Chromium printed no DevTools endpoint:\n{string.Join("\n", lines)}");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _receiving;
        }
        catch (ObjectDisposedException)
        {
        }
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
        }
        _socket.Dispose();
        _process.Dispose();
        try { Directory.Delete(_profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
