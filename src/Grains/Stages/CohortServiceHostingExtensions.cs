using RelevanceRelated.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using RelevanceRelated.Contracts.Serialization;
using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Models;
using RelevanceRelated.Analysis.Artifacts;
using RelevanceRelated.Grains.Cohorts;
using RelevanceRelated.Grains.Inference;
using RelevanceRelated.Grains.Persistence;

namespace RelevanceRelated.Grains.Stages;

public static class CohortServiceHostingExtensions
{
    /// <summary>
    /// Everything the subject and cohort grains need on a silo: the artifact store, the pipeline and (with
    /// <paramref name="ingest"/>) its first stage. Further stages registered afterwards as <see cref="ISubjectStage"/>
    /// join the pipeline in registration order.
    /// </summary>
    public static ISiloBuilder AddCohortService(this ISiloBuilder silo, PipelineOptions pipeline, Action<CohortOptions>? cohorts = null, bool ingest = true)
    {
        silo.Services.AddSerializer(serializer => serializer.AddAnalysisRecords());
        silo.Services.AddSingleton(pipeline);
        silo.Services.AddSingleton(_ => new ArtifactStore(pipeline.ArtifactsRoot));
        silo.Services.AddSingleton(TimeProvider.System);
        silo.Services.AddSingleton<SubjectPipeline>();
        silo.Services.AddSingleton<InferenceRunner>();
        silo.Services.AddOptions<InferenceOptions>();
        silo.AddIncomingGrainCallFilter<StorageErrorFilter>();
        silo.Services.AddOptions<CohortOptions>().Configure(o => cohorts?.Invoke(o));
        if (ingest) silo.Services.AddSingleton<ISubjectStage, IngestStage>();
        return silo;
    }

    /// <summary>
    /// The cohort service configured from the TOML configuration's <c>[paths]</c> and <c>[cluster]</c>, with the
    /// analysis stages after <c>ingest</c>: <c>pvs</c>, <c>brainage</c>, <c>relevance</c>, <c>features</c>, <c>analyses</c>; models load
    /// once per silo through a shared <see cref="ModelRegistry"/>.
    /// </summary>
    public static ISiloBuilder AddCohortService(this ISiloBuilder silo, RelevanceRelatedConfig config, Action<CohortOptions>? cohorts = null)
    {
        silo.AddCohortService(
            new PipelineOptions { DataRoot = config.Paths.Data, ArtifactsRoot = config.Paths.Artifacts },
            o =>
            {
                o.Concurrency = config.Cluster.Concurrency;
                cohorts?.Invoke(o);
            });
        silo.Services.AddSingleton(config);
        silo.Services.AddSingleton(_ => new ModelRegistry(config));
        silo.Services.AddSingleton(sp => new PvsSegmentation(sp.GetRequiredService<ModelRegistry>(), config.Params.Pvs));
        silo.Services.AddSingleton<ISubjectStage, PvsStage>();
        silo.Services.AddSingleton<ISubjectStage, BrainAgeStage>();
        silo.Services.AddSingleton<ISubjectStage, RelevanceStage>();
        silo.Services.AddSingleton<ISubjectStage, FeaturesStage>();
        silo.Services.AddSingleton<ISubjectStage, AnalysesStage>();
        return silo;
    }
}
