using System.Net;
using System.Net.Sockets;

namespace RelevanceRelated.Tests;

/// <summary>
/// Loopback ports for test silos and consoles: free when asked for and never handed out before in the test run. The
/// system may offer a port it has just released again, and one silo's silo, gateway and health ports (asked for one
/// after the other) must differ. Compiled into every test project.
/// </summary>
public static class FreePorts
{
    private static readonly HashSet<int> Issued = [];
    private static readonly Lock Gate = new();

    public static int Next()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            lock (Gate)
                if (Issued.Add(port)) return port;
        }
    }
}
