using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Grains.Placement;
using RelevanceRelated.Hosting;
using RelevanceRelated.Tests;
using YamlDotNet.RepresentationModel;

namespace RelevanceRelated.Deploy.Tests.Kubernetes;

/// <summary>deploy/k8s agrees with what the silo reads and serves (ClusterSettings, SiloHost).</summary>
public sealed class ManifestTests
{
    private static IEnumerable<SiloPod> Pods => Manifests.SiloWorkloads.Select(w => new SiloPod(w));

    private static SiloPod Pool(string accelerator) =>
        Pods.Single(p => p.ResolvedEnvironment()[ClusterSettingsReader.AcceleratorEnvironmentVariable] == accelerator);

    public static TheoryData<string> SiloWorkloadNames() => new(Manifests.SiloWorkloads.Select(w => w.Name));

    [Fact]
    public void Every_manifest_names_its_kind_api_version_and_namespace()
    {
        Assert.NotEmpty(Manifests.All);
        foreach (var manifest in Manifests.All)
        {
            Assert.False(string.IsNullOrEmpty(manifest.Root.Scalar("apiVersion")), $"{manifest} has no apiVersion");
            if (manifest.Kind != "Namespace")
                Assert.Equal("relevancerelated", manifest.Root.Map("metadata").Scalar("namespace"));
        }
    }

    [Fact]
    public void There_is_a_cpu_pool_and_a_gpu_pool_of_silos()
    {
        Assert.Equal(["cpu", "gpu"], Pods.Select(p => p.Settings().Accelerator).Order());
    }

    [Theory]
    [MemberData(nameof(SiloWorkloadNames))]
    public void Every_environment_variable_is_one_the_silo_reads(string workload)
    {
        var known = ClusterSettings.Keys.All.Select(ClusterSettings.EnvironmentVariable)
            .Append(ClusterSettingsReader.AcceleratorEnvironmentVariable)
            .Append(ConfigurationLoader.DirectoryEnvironmentVariable)
            .ToHashSet(StringComparer.Ordinal);
        var pod = new SiloPod(Manifests.Single("StatefulSet", workload));
        // The one variable the silo reads by a configured name: the PFX password's.
        if (pod.Settings().TlsCertificatePasswordEnv is { } passwordVariable) known.Add(passwordVariable);

        foreach (var name in pod.Env.Select(e => e.Scalar("name")))
            Assert.True(known.Contains(name), $"{workload}: environment variable {name} is not read by the silo");
    }

    [Theory]
    [MemberData(nameof(SiloWorkloadNames))]
    public void The_environment_is_a_valid_postgres_configuration(string workload)
    {
        var settings = new SiloPod(Manifests.Single("StatefulSet", workload)).Settings();

        Assert.Equal(ClusterMode.Postgres, settings.Mode);
        Assert.Equal(SiloPod.SecretValue, settings.ConnectionString);
    }

    [Theory]
    [MemberData(nameof(SiloWorkloadNames))]
    public void Silo_name_and_advertised_address_come_from_the_downward_api(string workload)
    {
        var pod = new SiloPod(Manifests.Single("StatefulSet", workload));
        var settings = pod.Settings();

        Assert.Equal(SiloPod.PodName, settings.SiloName);
        Assert.Equal(SiloPod.PodIp, settings.AdvertisedAddress?.ToString());
    }

    [Theory]
    [MemberData(nameof(SiloWorkloadNames))]
    public void Silos_listen_on_the_pod_s_interfaces_only_with_mutual_TLS(string workload)
    {
        var settings = new SiloPod(Manifests.Single("StatefulSet", workload)).Settings();

        Assert.Equal(System.Net.IPAddress.Any, settings.BindAddress);
        Assert.True(settings.UsesTls);
        Assert.NotNull(settings.TlsCa);
        Assert.Empty(settings.InsecureListeners());
        settings.ValidateListeners();
    }

    [Theory]
    [MemberData(nameof(SiloWorkloadNames))]
    public void The_silo_certificate_CA_and_password_come_from_a_required_secret_mounted_read_only(string workload)
    {
        var pod = new SiloPod(Manifests.Single("StatefulSet", workload));
        var settings = pod.Settings();
        Assert.NotNull(settings.TlsCertificate);
        Assert.NotNull(settings.TlsCa);
        Assert.NotNull(settings.TlsCertificatePasswordEnv);

        var password = pod.EnvEntry(settings.TlsCertificatePasswordEnv).Map("valueFrom").Map("secretKeyRef");
        foreach (var file in new[] { settings.TlsCertificate, settings.TlsCa })
        {
            var mount = pod.Container.Seq("volumeMounts").Maps()
                .Single(m => file.StartsWith(m.Scalar("mountPath").TrimEnd('/') + "/", StringComparison.Ordinal));
            var secret = pod.Spec.Seq("volumes").Maps().Single(v => v.Scalar("name") == mount.Scalar("name")).Map("secret");

            Assert.Equal("true", mount.OptionalScalar("readOnly"));
            Assert.Contains(secret.Seq("items").Maps(), i => i.Scalar("path") == Path.GetRelativePath(mount.Scalar("mountPath"), file));
            Assert.Equal(secret.Scalar("secretName"), password.Scalar("name"));
            // Required: without the Secret the pod does not start, rather than a silo starting without TLS.
            Assert.Null(secret.OptionalScalar("optional"));
        }
        Assert.Null(password.OptionalScalar("optional"));
    }

    [Fact]
    public void The_shared_config_map_binds_every_interface_and_leaves_tls_files_to_the_pods()
    {
        var cluster = ConfigMapConfiguration().Cluster;

        Assert.Equal(System.Net.IPAddress.Any, cluster.BindAddress);
        Assert.Equal(System.Net.IPAddress.Loopback, cluster.DashboardBindAddress);
        Assert.False(cluster.AllowInsecure);
        Assert.Null(cluster.TlsCertificate);
    }

    [Theory]
    [MemberData(nameof(SiloWorkloadNames))]
    public void Prometheus_annotations_point_at_the_metrics_endpoint_on_the_health_port(string workload)
    {
        var pod = new SiloPod(Manifests.Single("StatefulSet", workload));
        var annotations = pod.Workload.Root.Map("spec").Map("template").Map("metadata").Map("annotations");

        Assert.Equal("true", annotations.Scalar("prometheus.io/scrape"));
        Assert.Equal(SiloHost.MetricsPath, annotations.Scalar("prometheus.io/path"));
        Assert.Equal(pod.Settings().HealthPort, int.Parse(annotations.Scalar("prometheus.io/port")));
    }

    [Fact]
    public void The_gpu_pool_requests_a_gpu_lands_on_gpu_nodes_and_declares_itself()
    {
        var gpu = Pool(AcceleratorMetadata.Gpu);
        var resources = gpu.Container.Map("resources");

        Assert.Equal("1", resources.Map("limits").Scalar("nvidia.com/gpu"));
        Assert.NotEmpty(gpu.Spec.Map("nodeSelector").Children);
        Assert.Contains(gpu.Spec.Seq("tolerations").Maps(), t => t.Scalar("key") == "nvidia.com/gpu");
        Assert.Equal(AcceleratorMetadata.Gpu, gpu.Settings().Accelerator);
    }

    [Fact]
    public void The_cpu_pool_requests_no_gpu()
    {
        var cpu = Pool(AcceleratorMetadata.Cpu);

        Assert.Null(cpu.Container.Map("resources").Map("limits").Get("nvidia.com/gpu"));
        Assert.Null(cpu.Spec.Get("nodeSelector"));
    }

    [Fact]
    public void The_connection_string_comes_from_a_secret_that_the_manifests_define()
    {
        var secrets = Manifests.OfKind("Secret").ToDictionary(s => s.Name, s => s.Root.Map("stringData"));
        var references = Pods.Select(p => p.EnvEntry(ClusterSettings.EnvironmentVariable(ClusterSettings.Keys.ConnectionString)))
            .Concat(Manifests.OfKind("Job").SelectMany(j => JobContainer(j).Seq("env").Maps()))
            .Select(e => e.Map("valueFrom").Map("secretKeyRef"))
            .ToList();

        Assert.NotEmpty(references);
        foreach (var reference in references)
            Assert.NotNull(secrets[reference.Scalar("name")].Get(reference.Scalar("key")));
    }

    [Fact]
    public void Every_silo_pool_has_a_disruption_budget_selecting_its_pods()
    {
        var budgets = Manifests.OfKind("PodDisruptionBudget").Select(b => b.Root.Map("spec")).ToList();

        foreach (var pod in Pods)
        {
            var labels = Labels(pod.Workload.Root.Map("spec").Map("template").Map("metadata").Map("labels"));
            Assert.Contains(budgets, b => Labels(b.Map("selector").Map("matchLabels")).All(l => labels.Contains(l))
                && b.OptionalScalar("maxUnavailable") == "1");
        }
    }

    [Fact]
    public void Every_silo_mounts_the_shared_read_write_many_artifact_volume_where_the_configuration_puts_the_store()
    {
        var claim = Manifests.OfKind("PersistentVolumeClaim").Single();
        var artifacts = ConfigMapConfiguration().Paths.Artifacts;

        Assert.Equal(["ReadWriteMany"], claim.Root.Map("spec").Seq("accessModes").Children.Select(c => ((YamlScalarNode)c).Value));
        foreach (var pod in Pods)
        {
            var volume = pod.Spec.Seq("volumes").Maps().Single(v => v.Get("persistentVolumeClaim") is YamlMappingNode pvc && pvc.Scalar("claimName") == claim.Name);
            var mount = pod.Container.Seq("volumeMounts").Maps().Single(m => m.Scalar("name") == volume.Scalar("name"));
            Assert.StartsWith(mount.Scalar("mountPath").TrimEnd('/') + "/", artifacts + "/");
        }
    }

    [Fact]
    public void The_config_map_holds_a_valid_config_toml_mounted_where_the_silo_looks_for_it()
    {
        var configMap = Manifests.OfKind("ConfigMap").Single();
        var config = ConfigMapConfiguration();

        Assert.Equal(ClusterMode.Postgres, config.Cluster.Mode);
        foreach (var pod in Pods)
        {
            var directory = pod.ResolvedEnvironment()[ConfigurationLoader.DirectoryEnvironmentVariable];
            var volume = pod.Spec.Seq("volumes").Maps().Single(v => v.Get("configMap") is YamlMappingNode cm && cm.Scalar("name") == configMap.Name);
            var mount = pod.Container.Seq("volumeMounts").Maps().Single(m => m.Scalar("name") == volume.Scalar("name"));
            Assert.Equal(directory, mount.Scalar("mountPath"));
            // The pod's environment overrides the file's [cluster] section, so the two must tell the same ports.
            var settings = pod.Settings();
            Assert.Equal((config.Cluster.SiloPort, config.Cluster.GatewayPort, config.Cluster.HealthPort),
                (settings.SiloPort, settings.GatewayPort, settings.HealthPort));
        }
    }

    [Fact]
    public void The_headless_service_names_ports_that_the_silo_containers_expose()
    {
        var service = Manifests.OfKind("Service").Single();

        foreach (var port in service.Root.Map("spec").Seq("ports").Maps())
            foreach (var pod in Pods)
                Assert.Equal(int.Parse(port.Scalar("port")), pod.ContainerPort(port.Scalar("targetPort")));
    }

    [Fact]
    public void The_schema_job_runs_db_init_with_the_connection_string()
    {
        var container = JobContainer(Manifests.OfKind("Job").Single());
        var args = container.Seq("args").Children.Select(c => ((YamlScalarNode)c).Value!).ToList();
        var variable = container.Seq("env").Maps().Single().Scalar("name");

        Assert.Equal(["db", "init", "--connection", $"$({variable})"], args);
    }

    private static YamlMappingNode JobContainer(Manifest job) =>
        job.Root.Map("spec").Map("template").Map("spec").Seq("containers").Maps().Single();

    private static HashSet<(string, string)> Labels(YamlMappingNode labels) =>
        labels.Children.Select(kv => (((YamlScalarNode)kv.Key).Value!, ((YamlScalarNode)kv.Value).Value!)).ToHashSet();

    /// <summary>The ConfigMap's config.toml, loaded and validated by the production loader.</summary>
    private static RelevanceRelatedConfig ConfigMapConfiguration()
    {
        var toml = Manifests.OfKind("ConfigMap").Single().Root.Map("data").Scalar(ConfigurationLoader.DefaultFileName);
        var directory = TestData.NewTempDirectory("rr-k8s-config");
        File.WriteAllText(Path.Combine(directory, ConfigurationLoader.DefaultFileName), toml);
        return ConfigurationLoader.Load(directory).Config;
    }
}
