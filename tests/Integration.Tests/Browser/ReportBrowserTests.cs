using RelevanceRelated.Integration.Tests.Cluster;

namespace RelevanceRelated.Integration.Tests.Browser;

/// <summary>
/// The exported report and viewer opened from disk in headless Chromium with networking cut off: no console errors,
/// every figure and heatmap decoded, a table row per subject, methods naming the rule and model, and a viewer whose
/// WebGL canvas shows the subject's volumes.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ReportBrowserTests(ExportedReport report) : IClassFixture<ExportedReport>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_report_opens_offline_with_every_image_loaded_a_row_per_subject_and_methods_naming_rule_and_model()
    {
        await using var browser = await HeadlessChromium.StartAsync();

        await browser.NavigateAsync(report.Url("report.html"), Timeout);
        await browser.WaitForAsync("Array.from(document.images).every(i => i.complete)", Timeout);

        var images = (await browser.EvaluateAsync("Array.from(document.images).map(i => [i.getAttribute('src').slice(0, 40), i.naturalWidth, i.naturalHeight])"))!.AsArray();
        // Three embedded figures (age, DBA, PVS relevance) and one heatmap per subject at least.
        Assert.True(images.Count >= 3 + report.Setup.Submissions.Length, images.ToJsonString());
        Assert.All(images, image => Assert.True(image![1]!.GetValue<int>() > 0 && image[2]!.GetValue<int>() > 0, image.ToJsonString()));
        Assert.Equal(report.Setup.Submissions.Length, (await browser.EvaluateAsync("document.querySelectorAll('#subjects-table tbody tr').length"))!.GetValue<int>());
        var methods = (await browser.EvaluateAsync("Array.from(document.querySelectorAll('p.methods')).map(p => p.textContent).join(' ')"))!.GetValue<string>();
        Assert.Contains("lrp.sequential_preset_a", methods);
        Assert.Contains("tiny_t1", methods);
        Assert.Contains("Bach", (await browser.EvaluateAsync("document.querySelector('ol.references').textContent"))!.GetValue<string>());

        // Sorting by age (second column) twice gives descending ages.
        await browser.EvaluateAsync("document.querySelectorAll('#subjects-table th')[1].click(); document.querySelectorAll('#subjects-table th')[1].click()");
        var ages = (await browser.EvaluateAsync("Array.from(document.querySelectorAll('#subjects-table tbody tr')).map(r => Number(r.cells[1].dataset.value))"))!
            .AsArray().Select(a => a!.GetValue<double>()).ToList();
        Assert.Equal(ages.OrderDescending(), ages);

        Assert.Empty(browser.Errors);
        Assert.All(browser.Requests, url => Assert.True(url.StartsWith("file://", StringComparison.Ordinal) || url.StartsWith("data:", StringComparison.Ordinal), url));
    }

    [Fact]
    public async Task The_viewer_opens_a_subject_offline_and_draws_its_volumes()
    {
        var subject = report.Setup.Submissions[1].SubjectId;
        await using var browser = await HeadlessChromium.StartAsync();

        await browser.NavigateAsync(report.Url("viewer.html", subject), Timeout);
        await browser.WaitForAsync("window.rrViewer && window.rrViewer.ready", Timeout, "window.rrViewer && window.rrViewer.state");

        Assert.Equal(subject, (await browser.EvaluateAsync("document.getElementById('entry').value"))!.GetValue<string>());
        Assert.Equal(report.Setup.Submissions.Length, (await browser.EvaluateAsync("document.getElementById('entry').options.length"))!.GetValue<int>());
        Assert.Equal("tiny_t1 relevance", (await browser.EvaluateAsync("document.getElementById('overlay').selectedOptions[0].textContent"))!.GetValue<string>());
        var lit = (await browser.EvaluateAsync("window.rrViewer.litPixels()"))!.GetValue<int>();
        Assert.True(lit > 5000, $"{lit} non-black pixels");
        // Raising the threshold redraws without errors.
        await browser.EvaluateAsync("const s = document.getElementById('threshold'); s.value = 50; s.dispatchEvent(new Event('input'))");
        Assert.Contains("50 %", (await browser.EvaluateAsync("document.getElementById('threshold-value').textContent"))!.GetValue<string>());

        Assert.Empty(browser.Errors);
        Assert.All(browser.Requests, url => Assert.True(url.StartsWith("file://", StringComparison.Ordinal) || url.StartsWith("data:", StringComparison.Ordinal), url));
    }
}
