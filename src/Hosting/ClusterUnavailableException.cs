namespace RelevanceRelated.Hosting;

/// <summary>No silo of the configured cluster answered; the message says how to start one.</summary>
public sealed class ClusterUnavailableException(string message, Exception inner) : Exception(message, inner);
