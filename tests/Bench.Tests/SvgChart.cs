using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace WealthActors.Bench.Tests;

/// <summary>A chart the bench wrote, read back: it must be an SVG document, and what it draws can be counted.</summary>
internal sealed partial class SvgChart
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private readonly XDocument _document;

    private SvgChart(XDocument document, long bytes) => (_document, Bytes) = (document, bytes);

    public static SvgChart Load(string path)
    {
        Assert.True(File.Exists(path), $"No chart at {path}.");
        var document = XDocument.Load(path);
        Assert.Equal(Svg + "svg", document.Root!.Name);
        return new SvgChart(document, new FileInfo(path).Length);
    }

    /// <summary>The file's size: a chart goes into the repository with the report.</summary>
    public long Bytes { get; }

    /// <summary>How many points each line holds (grid lines and ticks hold two).</summary>
    public IReadOnlyList<int> LineLengths =>
        _document.Descendants(Svg + "polyline").Select(p => Points(p).Count).ToArray();

    public string Text => string.Join('\n', _document.Descendants(Svg + "text").Select(t => t.Value));

    /// <summary>
    /// The points of the series a legend entry names, in the chart's pixels (y grows downwards). OxyPlot writes an entry
    /// as its title followed by a short sample of the series' stroke, and the series itself as polylines of that stroke.
    /// </summary>
    public IReadOnlyList<(double X, double Y)> Series(string legendTitle)
    {
        var title = _document.Descendants(Svg + "text").SingleOrDefault(t => t.Value == legendTitle);
        Assert.True(title is not null, $"No legend entry \"{legendTitle}\" in:\n{Text}");
        var sample = title.ElementsAfterSelf(Svg + "polyline").First();
        var stroke = Stroke(sample);
        return _document.Descendants(Svg + "polyline").Where(p => p != sample && Stroke(p) == stroke).SelectMany(Points).ToArray();
    }

    /// <summary>The size the chart says it is, in user units.</summary>
    public (double Width, double Height) Size =>
        (double.Parse((string)_document.Root!.Attribute("width")!, CultureInfo.InvariantCulture),
         double.Parse((string)_document.Root!.Attribute("height")!, CultureInfo.InvariantCulture));

    private static List<(double X, double Y)> Points(XElement polyline) =>
        ((string?)polyline.Attribute("points") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split(','))
            .Select(xy => (double.Parse(xy[0], CultureInfo.InvariantCulture), double.Parse(xy[1], CultureInfo.InvariantCulture)))
            .ToList();

    private static string Stroke(XElement element) => StrokePattern().Match((string?)element.Attribute("style") ?? "").Groups[1].Value;

    [GeneratedRegex("(?:^|;)stroke:([^;]+)")]
    private static partial Regex StrokePattern();
}
