namespace RelevanceRelated.Contracts;

/// <summary>
/// The cluster's storage (PostgreSQL) refused or failed an operation, after the silo's retries. It carries the
/// database's own message, e.g. <c>53300: sorry, too many clients already</c>; the driver's exception types cannot
/// cross to a client.
/// </summary>
[GenerateSerializer]
[Alias("RelevanceRelated.StorageUnavailableException")]
public sealed class StorageUnavailableException(string message) : Exception(message);
