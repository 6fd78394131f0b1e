using System.Text.Json;
using Lookalike.Catalog;
using Lookalike.Dedup;
using Lookalike.Dedup.Keep;
using Lookalike.Dedup.Reports;

namespace Lookalike.Tests.Dedup;

public class DupesReportTests
{
    private static ImageRecord File(string path, int width, string format = "jpeg") =>
        new(1, path, 12345, DateTime.UtcNow, new string('f', 64), width, width, format, null, null);

    private static readonly IReadOnlyList<KeepChoice> Choices =
    [
        new KeepBestSelector(KeepPolicy.Default).Choose([File("/p/small, \"copy\".jpg", 100), File("/p/big.jpg", 200)]),
        new KeepBestSelector(KeepPolicy.Default).Choose([File("/p/line\nbreak.png", 50, "png"), File("/p/plain.jpg", 50)]),
    ];

    private static readonly DuplicateReport Report = new(
        new ReportSummary(4, 2, 4, 2, 24690, 0, "phash", new ReportLimits("phash", 10, null, [], null, null, "phash (phash distance <= 10)")),
        Choices.Select((c, i) => ReportGroup.From(i + 1, c, new DuplicateGroup(c.Files.ToList(), []), [new ReportEvidence("phash", 1, 0, 0)])).ToList());

    [Fact]
    public void CsvQuotesCommasQuotesAndNewlines()
    {
        Assert.Equal("plain", Csv.Field("plain"));
        Assert.Equal("\"a,b\"", Csv.Field("a,b"));
        Assert.Equal("\"say \"\"hi\"\"\"", Csv.Field("say \"hi\""));
        Assert.Equal("\"two\nlines\"", Csv.Field("two\nlines"));
        Assert.Equal("\" padded\"", Csv.Field(" padded"));

        var csv = new StringWriter();
        Report.WriteCsv(csv);
        Assert.Equal(
            "group,file,keep,width,height,size,format,exif_date,reason\r\n"
            + "1,/p/big.jpg,yes,200,200,12345,jpeg,,kept: 200x200 (0.04 MP) vs 100x100 (0.01 MP)\r\n"
            + "1,\"/p/small, \"\"copy\"\".jpg\",no,100,100,12345,jpeg,,not kept: 200x200 (0.04 MP) vs 100x100 (0.01 MP)\r\n"
            + "2,\"/p/line\nbreak.png\",yes,50,50,12345,png,,\"kept: same pixels, PNG (lossless) beats JPEG (lossy)\"\r\n"
            + "2,/p/plain.jpg,no,50,50,12345,jpeg,,\"not kept: same pixels, PNG (lossless) beats JPEG (lossy)\"\r\n",
            csv.ToString());
    }

    [Fact]
    public void JsonReadsBackAsTheSameReport()
    {
        using var folder = new Lookalike.Tests.Support.TempFolder();
        Report.Save(folder["report.json"]);
        var read = DuplicateReport.Read(folder["report.json"]);
        Assert.Equal(Report.ToJson(), read.ToJson());
    }

    [Fact]
    public void JsonGroupsHaveFilesAsPlainPathArraysKeeperFirst()
    {
        using var json = JsonDocument.Parse(Report.ToJson());
        var groups = json.RootElement.GetProperty("groups");
        Assert.Equal(2, groups.GetArrayLength());
        var first = groups[0];
        Assert.Equal(["/p/big.jpg", "/p/small, \"copy\".jpg"], first.GetProperty("files").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal("/p/big.jpg", first.GetProperty("keep").GetString());
        Assert.Equal("200x200 (0.04 MP) vs 100x100 (0.01 MP)", first.GetProperty("reason").GetString());
        var details = first.GetProperty("details");
        Assert.True(details[0].GetProperty("keep").GetBoolean());
        Assert.Equal(12345, details[1].GetProperty("size").GetInt64());
        Assert.False(details[1].TryGetProperty("exifDate", out _)); // absent, not null
        Assert.Equal(24690, json.RootElement.GetProperty("summary").GetProperty("bytesReclaimable").GetInt64());
        Assert.Equal("/p/line\nbreak.png", groups[1].GetProperty("keep").GetString());
    }
}
