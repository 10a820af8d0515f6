using System.Data.Common;
using RelevanceRelated.Contracts;

namespace RelevanceRelated.Grains.Persistence;

/// <summary>
/// Turns a storage failure inside a grain call into a <see cref="StorageUnavailableException"/> with the database's
/// message: the driver's exceptions (Npgsql's) have no codec, so a client would otherwise read "Could not find a codec
/// for type Npgsql.PostgresException" instead of, say, PostgreSQL's "too many clients already".
/// </summary>
public sealed class StorageErrorFilter : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception ex) when (StorageCause(ex) is { } cause)
        {
            throw new StorageUnavailableException(
                $"{context.InterfaceName}.{context.MethodName}: the cluster's storage failed: {cause.GetType().Name}: {cause.Message}");
        }
    }

    /// <summary>The database error an exception carries (Orleans wraps a provider's in its own), or null.</summary>
    private static DbException? StorageCause(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
            if (e is DbException db) return db;
        return null;
    }
}
