namespace RelevanceRelated.Analysis.Configuration;

/// <summary>How a silo finds its peers and keeps state.</summary>
public enum ClusterMode
{
    /// <summary>One machine: localhost clustering, grain state and reminders in memory (lost on exit).</summary>
    Embedded,

    /// <summary>A real cluster: membership, grain state and reminders in PostgreSQL (ADO.NET, invariant Npgsql).</summary>
    Postgres,
}
