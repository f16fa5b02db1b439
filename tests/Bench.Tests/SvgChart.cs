using System.Globalization;
using System.Xml.Linq;

namespace WealthActors.Bench.Tests;

/// <summary>A chart the bench wrote, read back: it must be an SVG document, and what it draws can be counted.</summary>
internal sealed class SvgChart
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private readonly XDocument _document;

    private SvgChart(XDocument document) => _document = document;

    public static SvgChart Load(string path)
    {
        Assert.True(File.Exists(path), $"No chart at {path}.");
        var document = XDocument.Load(path);
        Assert.Equal(Svg + "svg", document.Root!.Name);
        return new SvgChart(document);
    }

    /// <summary>Round markers: the lateness chart's dots, the throughput chart's per-second points and legend samples.</summary>
    public int Dots => _document.Descendants(Svg + "ellipse").Count();

    /// <summary>How many points each line holds (grid lines and ticks hold two).</summary>
    public IReadOnlyList<int> LineLengths =>
        _document.Descendants(Svg + "polyline")
            .Select(p => ((string?)p.Attribute("points") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Length)
            .ToArray();

    public string Text => string.Join('\n', _document.Descendants(Svg + "text").Select(t => t.Value));

    /// <summary>The size the chart says it is, in user units.</summary>
    public (double Width, double Height) Size =>
        (double.Parse((string)_document.Root!.Attribute("width")!, CultureInfo.InvariantCulture),
         double.Parse((string)_document.Root!.Attribute("height")!, CultureInfo.InvariantCulture));
}
