namespace RelevanceRelated.Analysis.Configuration;

/// <summary>
/// Checks merged configuration entries against <see cref="ConfigSchema"/>: unknown keys (with the nearest known key),
/// wrong shapes, out-of-range values, paths that must exist, required keys and rules that span several keys.
/// Returns every error rather than stopping at the first.
/// </summary>
public static class ConfigurationValidator
{
    public static IReadOnlyList<ConfigurationError> Validate(IReadOnlyDictionary<string, ConfigEntry> entries, IReadOnlyList<string> files)
    {
        var errors = new List<ConfigurationError>();
        foreach (var entry in entries.Values.OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Line))
            CheckEntry(entry, errors);
        CheckRequired(entries, files, errors);
        CheckModels(entries, errors);
        CheckPvsModels(entries, errors);
        CheckAtlases(entries, errors);
        CheckCluster(entries, errors);
        return errors;
    }

    private static void CheckEntry(ConfigEntry entry, List<ConfigurationError> errors)
    {
        var spec = ConfigSchema.Find(entry.KeyPath);
        if (spec is null)
        {
            var candidates = ConfigSchema.Keys.Select(k => Instantiate(k.Pattern, entry.KeyPath));
            var nearest = KeySuggestion.Nearest(entry.KeyPath, candidates);
            var hint = nearest is null ? "" : $"; did you mean '{nearest}'?";
            errors.Add(Error(entry, $"unknown key{hint}"));
            return;
        }
        if (!spec.HasShape(entry.Value) || (spec.Accept is { } accept && !accept(entry.Value)))
        {
            errors.Add(Error(entry, $"expected {spec.Expectation}, got {ConfigValueText.Format(entry.Value)}"));
            return;
        }
        switch (spec.Kind)
        {
            case ValueKind.ExistingDirectory when entry.Value is string { Length: > 0 } dir:
                var fullDir = ResolvePath(entry, dir);
                if (!Directory.Exists(fullDir)) errors.Add(Error(entry, $"expected an existing directory, but {fullDir} does not exist"));
                break;
            case ValueKind.ExistingFileList:
                foreach (var file in (IReadOnlyList<object>)entry.Value)
                {
                    var fullFile = ResolvePath(entry, (string)file);
                    if (!File.Exists(fullFile)) errors.Add(Error(entry, $"expected an existing file, but {fullFile} does not exist"));
                }
                break;
        }
    }

    private static void CheckRequired(IReadOnlyDictionary<string, ConfigEntry> entries, IReadOnlyList<string> files, List<ConfigurationError> errors)
    {
        var where = files.Count == 0 ? "(no configuration file)" : string.Join(", ", files);
        foreach (var spec in ConfigSchema.Keys.Where(k => k.MustBeSet && !k.Pattern.Contains('*')))
            if (!entries.ContainsKey(spec.Pattern))
                errors.Add(new ConfigurationError(where, 0, spec.Pattern, $"missing; expected {spec.Expectation}"));
    }

    private static void CheckModels(IReadOnlyDictionary<string, ConfigEntry> entries, List<ConfigurationError> errors)
    {
        foreach (var model in ModelNames(entries))
        {
            var prefix = $"models.{model}.";
            var first = entries.Values.Where(e => e.KeyPath.StartsWith(prefix, StringComparison.Ordinal)).OrderBy(e => e.Line).First();
            ConfigEntry? Get(string key) => entries.GetValueOrDefault(prefix + key);
            void Missing(string key, string expectation) => errors.Add(new ConfigurationError(first.File, first.Line, prefix + key, $"missing; {expectation}"));
            void Unused(string key, string because) { if (Get(key) is { } e) errors.Add(Error(e, $"is not used: {because}")); }

            foreach (var spec in ConfigSchema.Keys.Where(k => k.MustBeSet && k.Pattern.StartsWith("models.*.", StringComparison.Ordinal)))
            {
                var key = spec.Pattern["models.*.".Length..];
                if (Get(key) is null) Missing(key, $"expected {spec.Expectation}");
            }
            if ((Get("cube") is null) == (Get("box") is null))
                errors.Add(new ConfigurationError(first.File, first.Line, prefix + "cube", "expected exactly one of 'cube' and 'box' for the model's input grid"));

            // Options parsed as the binder will; a value the entry check refused leaves its rules unchecked.
            var resample = Option(ModelOptionNames.Resample, Get("resample"), ResampleMode.VoxelSize);
            var resampleText = $"resample = \"{Get("resample")?.Value ?? "voxel_size"}\"";
            if (resample == ResampleMode.VoxelSize && Get("voxel_size") is null) Missing("voxel_size", $"{resampleText} expects the model's voxel size in mm");
            if (resample is not (ResampleMode.VoxelSize or null)) Unused("voxel_size", $"{resampleText}; voxel_size is read with resample = \"voxel_size\"");
            if (resample == ResampleMode.Zoom && Get("zoom") is null) Missing("zoom", $"{resampleText} expects the zoom factor(s), as scipy.ndimage.zoom");
            if (resample is not (ResampleMode.Zoom or null)) Unused("zoom", $"{resampleText}; zoom is read with resample = \"zoom\"");
            if (Option(ModelOptionNames.Crop, Get("crop"), CropCentre.BrainBoundingBox) is not (CropCentre.SliceSums or null))
                Unused("crop_threshold", "crop_threshold is read with crop = \"slice_sum\"");

            var normalisation = Option(ModelOptionNames.Normalisation, Get("normalisation"), null);
            var normalisationText = $"normalisation = \"{Get("normalisation")?.Value}\"";
            if (normalisation == IntensityNormalisation.Capped && Get("intensity_max") is null)
                Missing("intensity_max", $"{normalisationText} expects the intensity cap (e.g. the dataset maximum capped at 383)");
            if (normalisation is { } n && n != IntensityNormalisation.Capped) Unused("intensity_max", "intensity_max is read with normalisation = \"capped\"");
            if (normalisation is { } m && m != IntensityNormalisation.Scale) Unused("scale_divisor", "scale_divisor is read with normalisation = \"scale\"");
            if (normalisation is { } k && !Normalisations.Clips(k))
                Unused("clip_percentile", $"{normalisationText} does not clip; clip_percentile is read with unit, unit_inverted, uint8 and zscore");

            if (Option(ModelOptionNames.Head, Get("head"), HeadKind.Mean) == HeadKind.Linear)
            {
                var files = Get("files")?.Value as IReadOnlyList<object>;
                var weights = Get("weights");
                if (weights is null || files is null || ((IReadOnlyList<object>)weights.Value).Count != files.Count)
                    errors.Add(weights is null
                        ? new ConfigurationError(first.File, first.Line, prefix + "weights", "missing; a linear head expects one weight per base-model file")
                        : Error(weights, $"expected one weight per base-model file ({files?.Count ?? 0}), got {((IReadOnlyList<object>)weights.Value).Count}"));
            }
            var output = Option(ModelOptionNames.Output, Get("output"), OutputKind.Identity);
            if (output == OutputKind.Scaled && Get("age_range") is null) Missing("age_range", "output = \"scaled\" expects [min, max] ages");
            if (output == OutputKind.SoftBins && Get("bin_centres") is null) Missing("bin_centres", "output = \"soft_bins\" expects the age-bin centres");
            if (output is not (OutputKind.Affine or null))
            {
                Unused("output_scale", "output_scale is read with output = \"affine\"");
                Unused("output_offset", "output_offset is read with output = \"affine\"");
            }
        }
    }

    /// <summary>The option an entry sets (or <paramref name="absent"/>); null when its value is not a valid name.</summary>
    private static T? Option<T>(OptionNames<T> names, ConfigEntry? entry, T? absent) where T : struct, Enum =>
        entry is null ? absent : names.Contains(entry.Value) ? names.Parse((string)entry.Value) : null;

    private static void CheckCluster(IReadOnlyDictionary<string, ConfigEntry> entries, List<ConfigurationError> errors)
    {
        if (entries.GetValueOrDefault("cluster.mode") is { Value: "postgres" } mode
            && entries.GetValueOrDefault("cluster.connection_string")?.Value is not string { Length: > 0 })
            errors.Add(Error(mode, "mode = \"postgres\" expects cluster.connection_string to be set"));
        if (entries.GetValueOrDefault("cluster.tls") is { Value: true } tls)
        {
            if (entries.GetValueOrDefault("cluster.tls_certificate") is not { Value: string { Length: > 0 } path } certificate)
                errors.Add(Error(tls, "tls = true expects cluster.tls_certificate to name a PKCS#12/PFX file"));
            else if (!File.Exists(ResolvePath(certificate, path)))
                errors.Add(Error(certificate, $"expected an existing PKCS#12/PFX file (tls = true), but {ResolvePath(certificate, path)} does not exist"));
            if (entries.GetValueOrDefault("cluster.tls_ca") is { Value: string { Length: > 0 } caPath } ca && !File.Exists(ResolvePath(ca, caPath)))
                errors.Add(Error(ca, $"expected an existing CA certificate file (tls = true), but {ResolvePath(ca, caPath)} does not exist"));
        }
    }

    private static void CheckPvsModels(IReadOnlyDictionary<string, ConfigEntry> entries, List<ConfigurationError> errors)
    {
        foreach (var model in TableNames(entries, "pvs_models"))
        {
            var prefix = $"pvs_models.{model}.";
            var first = entries.Values.Where(e => e.KeyPath.StartsWith(prefix, StringComparison.Ordinal)).OrderBy(e => e.Line).First();
            foreach (var spec in ConfigSchema.Keys.Where(k => k.MustBeSet && k.Pattern.StartsWith("pvs_models.*.", StringComparison.Ordinal)))
            {
                var key = spec.Pattern["pvs_models.*.".Length..];
                if (!entries.ContainsKey(prefix + key))
                    errors.Add(new ConfigurationError(first.File, first.Line, prefix + key, $"missing; expected {spec.Expectation}"));
            }
        }
    }

    /// <summary>Every [atlases.NAME] needs its file; the atlas image and label table must exist.</summary>
    private static void CheckAtlases(IReadOnlyDictionary<string, ConfigEntry> entries, List<ConfigurationError> errors)
    {
        foreach (var atlas in TableNames(entries, "atlases"))
        {
            var prefix = $"atlases.{atlas}.";
            var first = entries.Values.Where(e => e.KeyPath.StartsWith(prefix, StringComparison.Ordinal)).OrderBy(e => e.Line).First();
            if (!entries.ContainsKey(prefix + "file"))
                errors.Add(new ConfigurationError(first.File, first.Line, prefix + "file", "missing; expected the atlas image"));
            foreach (var key in new[] { "file", "labels" })
                if (entries.GetValueOrDefault(prefix + key) is { Value: string { Length: > 0 } path } entry && !File.Exists(ResolvePath(entry, path)))
                    errors.Add(Error(entry, $"expected an existing file, but {ResolvePath(entry, path)} does not exist"));
        }
    }

    public static IEnumerable<string> ModelNames(IReadOnlyDictionary<string, ConfigEntry> entries) => TableNames(entries, "models");

    /// <summary>The names of the <c>[table.&lt;name&gt;]</c> entries of a table of named records.</summary>
    public static IEnumerable<string> TableNames(IReadOnlyDictionary<string, ConfigEntry> entries, string table) => entries.Keys
        .Select(k => k.Split('.'))
        .Where(parts => parts.Length == 3 && parts[0] == table)
        .Select(parts => parts[1])
        .Distinct(StringComparer.Ordinal)
        .Order(StringComparer.Ordinal);

    internal static string ResolvePath(ConfigEntry entry, string path) =>
        Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(entry.Directory, path));

    private static string Instantiate(string pattern, string key)
    {
        var patternParts = pattern.Split('.');
        var keyParts = key.Split('.');
        for (var i = 0; i < patternParts.Length; i++)
            if (patternParts[i] == "*") patternParts[i] = i < keyParts.Length ? keyParts[i] : "name";
        return string.Join('.', patternParts);
    }

    private static ConfigurationError Error(ConfigEntry entry, string problem) => new(entry.File, entry.Line, entry.KeyPath, problem);
}
