namespace RelevanceRelated.Hosting;

/// <summary>Who holds a cluster certificate, which decides the connections it may open (<see cref="ClusterTls"/>).</summary>
public enum ClusterRole
{
    /// <summary>A cluster member: accepts connections and opens them to other silos (server and client authentication).</summary>
    Silo,

    /// <summary>A console or other client: opens connections to gateways only (client authentication).</summary>
    Console,
}
