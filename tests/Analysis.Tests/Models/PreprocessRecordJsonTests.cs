using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Models;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Analysis.Tests.Models;

public class PreprocessRecordJsonTests
{
    [Fact]
    public void A_record_read_back_from_json_maps_a_model_grid_map_to_the_same_native_map()
    {
        var file = Directory.GetFiles(Path.Combine(TestData.SharedData, "ixi"), "*.nii.gz").Order().First();
        using var native = VolumeFile.Read(file);
        var (box, record) = BrainAgePreprocessor.Run(native, BrainAgePreprocessorTests.Model("RAS", 2.0, 98));
        using (box)
        {
            var read = PreprocessRecordJson.Read(PreprocessRecordJson.Write(record), "test");

            Assert.Equal(record.NativeShape, read.NativeShape);
            Assert.Equal(record.NativeAffine, read.NativeAffine);
            Assert.Equal(record.NativeOrientation, read.NativeOrientation);
            Assert.Equal(record.ReorientedShape, read.ReorientedShape);
            Assert.Equal(record.ReorientedAffine, read.ReorientedAffine);
            Assert.Equal(record.Resampled, read.Resampled);
            Assert.Equal(record.Prune.BoxAffine, read.Prune.BoxAffine);
            using var expected = record.ToNative(box);
            using var actual = read.ToNative(box);
            Assert.Equal(expected.Frame(0).ToArray(), actual.Frame(0).ToArray());
        }
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"NativeShape\":[1,1,1]}")]
    public void Text_that_is_not_a_preprocessing_record_is_refused_naming_its_source(string json)
    {
        var ex = Assert.Throws<InvalidInputException>(() => PreprocessRecordJson.Read(json, "artifact ab/cd.json"));
        Assert.StartsWith("artifact ab/cd.json: ", ex.Message);
    }
}
