using RelevanceRelated.Analysis.Imaging;

namespace RelevanceRelated.Analysis.Spaces.Files;

/// <summary>
/// Displacement fields stored as NIfTI images, as antsRegistration writes <c>*1Warp.nii.gz</c>: 5-D, x × y × z × 1 × 3,
/// intent code 1007 (NIFTI_INTENT_VECTOR) with the vectors in ITK's LPS convention (ITK converts nothing for this
/// intent). Intent 1006 (NIFTI_INTENT_DISPVECT) is read with the vectors in RAS, as the NIfTI standard says and as
/// ITK 5.4+ reads and writes that intent.
/// </summary>
public static class DisplacementFieldFile
{
    public const int IntentVector = 1007;
    public const int IntentDisplacementVector = 1006;

    /// <exception cref="InvalidInputException">Not a displacement field; the message names the file and the field.</exception>
    public static DisplacementFieldTransform Read(string path)
    {
        using var volume = VolumeFile.Read(path);
        return FromVolume(volume, path);
    }

    /// <summary>The field held by a vector image already read.</summary>
    public static DisplacementFieldTransform FromVolume(Volume volume, string source)
    {
        var intent = volume.Metadata.IntentCode;
        if (intent is not (IntentVector or IntentDisplacementVector))
            throw new ImageFormatException(source, "intent_code",
                $"{intent}; a displacement field has intent {IntentVector} (vector, as antsRegistration writes *Warp.nii.gz) or {IntentDisplacementVector} (displacement vector)");
        if (volume.Rank != 5 || volume.Shape[3] != 1 || volume.Shape[4] != 3)
            throw new ImageFormatException(source, "dim",
                $"shape [{string.Join(", ", volume.Shape)}]; a 3-D displacement field is 5-D: x × y × z × 1 × 3");
        var n = volume.SpatialCount;
        // Vectors are the slowest dimension on disk; interleave them per voxel for the sampler.
        var lps = intent == IntentVector;
        if (3L * n > Array.MaxLength) throw new ImageFormatException(source, "dim", $"{n} vectors are more than one array can hold");
        var vectors = new float[3 * n];
        var x = volume.Frame(0);
        var y = volume.Frame(1);
        var z = volume.Frame(2);
        for (var i = 0; i < n; i++)
        {
            var (vx, vy, vz) = (x[i], y[i], z[i]);
            if (!float.IsFinite(vx) || !float.IsFinite(vy) || !float.IsFinite(vz))
                throw new ImageFormatException(source, "data", $"voxel {i} holds a non-finite displacement");
            vectors[3 * i] = lps ? -vx : vx;
            vectors[3 * i + 1] = lps ? -vy : vy;
            vectors[3 * i + 2] = vz;
        }
        if (!volume.Affine.IsInvertible)
            throw new ImageFormatException(source, "sform/qform", $"the field's affine is singular: {volume.Affine}");
        return new DisplacementFieldTransform(ImageGrid.Of(volume), vectors);
    }

    /// <summary>Writes a field as antsRegistration does (float32, 5-D, intent 1007, LPS vectors), atomically.</summary>
    public static void Write(DisplacementFieldTransform field, string path)
    {
        var g = field.Grid;
        var n = g.VoxelCount;
        using var volume = new Volume([g.Nx, g.Ny, g.Nz, 1, 3], g.Affine, VoxelType.Float32,
            [g.Zooms.X, g.Zooms.Y, g.Zooms.Z, 1, 1], new VolumeMetadata { IntentCode = IntentVector, QformCode = 1, SformCode = 1 });
        var v = field.Vectors;
        var data = volume.Data;
        for (var i = 0; i < n; i++)
        {
            data[i] = -v[3 * i];
            data[n + i] = -v[3 * i + 1];
            data[2 * n + i] = v[3 * i + 2];
        }
        VolumeFile.Write(volume, path);
    }
}
