using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Serialization.Cloning;
using RelevanceRelated.Analysis.Reports;

namespace RelevanceRelated.Contracts.Serialization;

/// <summary>
/// Lets the science library's records (brain-age predictions, PVS census, mask metrics, feature rows, statistics)
/// travel in grain messages and state without Orleans attributes in src/Analysis: Orleans writes them with
/// System.Text.Json, and, since they are immutable records, passes them between grains of one silo without a copy.
/// Silos and clients register the same codec (<see cref="AddAnalysisRecords"/>).
/// </summary>
public static class AnalysisRecords
{
    private static readonly System.Reflection.Assembly Analysis = typeof(SubjectFeatureRow).Assembly;

    /// <summary>The JSON form of the records: property names as declared, NaN and infinities kept (metrics of empty masks are NaN).</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Types of src/Analysis; every one that crosses a grain boundary is an immutable record.</summary>
    public static bool IsAnalysisRecord(Type type) => type.Assembly == Analysis && !type.IsAbstract;

    public static ISerializerBuilder AddAnalysisRecords(this ISerializerBuilder builder)
    {
        builder.AddJsonSerializer(isSerializable: IsAnalysisRecord, isCopyable: null, options => options.Configure(o => o.SerializerOptions = JsonOptions));
        builder.Services.AddSingleton<IGeneralizedCopier, ImmutableRecordCopier>();
        return builder;
    }

    /// <summary>Immutable records need no defensive copy when a message stays inside one silo.</summary>
    private sealed class ImmutableRecordCopier : IGeneralizedCopier
    {
        public bool IsSupportedType(Type type) => IsAnalysisRecord(type);

        public object? DeepCopy(object? input, CopyContext context) => input;
    }
}
