using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;

namespace WealthActors.Bench.Infrastructure;

/// <summary>
/// Charts a scenario draws for the report: an OxyPlot model written as an SVG file of one fixed size, so the pictures of
/// one report line up, and announced on a <c>plot:</c> detail line that the report turns into an image.
/// </summary>
public static class SvgPlot
{
    public const int Width = 800;
    public const int Height = 400;

    /// <summary>
    /// Draws a scenario's chart into the folder given by <c>--plot-dir</c>, as <c>{scenario}-{storage}.svg</c>; a run
    /// without that option draws nothing.
    /// </summary>
    public static void WriteIfAsked(BenchArgs args, string scenario, string storage, Func<PlotModel> build)
    {
        if (args.Get("plot-dir", "") is { Length: > 0 } directory)
        {
            Write(build(), Path.GetFullPath(directory), $"{scenario}-{storage}.svg");
        }
    }

    /// <summary>A chart with its legend beside the plot area, one entry a line: it never hides a point, and a long name never wraps away from its line.</summary>
    public static PlotModel Model(string title, string? subtitle = null)
    {
        var model = new PlotModel
        {
            Title = title, Subtitle = subtitle, TitleFontSize = 15, SubtitleFontSize = 11, DefaultFont = "Arial", Background = OxyColors.White,
            // Centred over the whole picture, not the plot area beside the legend, so a long subtitle stays in the picture.
            TitleHorizontalAlignment = TitleHorizontalAlignment.CenteredWithinView,
        };
        // Tableau's ten categorical colours, each line told apart from the next (OxyPlot's own start with two reds).
        model.DefaultColors = [.. new uint[] { 0x4E79A7, 0xF28E2B, 0x59A14F, 0xE15759, 0xB07AA1, 0x76B7B2, 0xEDC948, 0xFF9DA7, 0x9C755F, 0xBAB0AC }
            .Select(rgb => OxyColor.FromRgb((byte)(rgb >> 16), (byte)(rgb >> 8), (byte)rgb))];
        model.Legends.Add(new Legend
        {
            LegendPlacement = LegendPlacement.Outside, LegendPosition = LegendPosition.RightTop, LegendOrientation = LegendOrientation.Vertical,
        });
        return model;
    }

    public static LinearAxis Axis(AxisPosition position, string title, string unit, double minimum = double.NaN) =>
        Styled(new LinearAxis { Minimum = minimum }, position, title, unit);

    /// <summary>Light grid lines to read values off, and the unit in parentheses after the axis title.</summary>
    public static T Styled<T>(T axis, AxisPosition position, string title, string unit)
        where T : Axis
    {
        axis.Position = position;
        axis.Title = title;
        axis.Unit = unit;
        axis.TitleFormatString = "{0} ({1})";
        axis.MajorGridlineStyle = LineStyle.Solid;
        axis.MajorGridlineColor = OxyColor.FromRgb(0xE4, 0xE4, 0xE4);
        if (position is AxisPosition.Left or AxisPosition.Right)
        {
            // Room above the highest value, so that the top point does not sit on the frame.
            axis.MaximumPadding = 0.06;
        }

        return axis;
    }

    /// <summary>Writes <paramref name="model"/> to <paramref name="directory"/>/<paramref name="fileName"/> and prints the <c>plot:</c> line.</summary>
    public static string Write(PlotModel model, string directory, string fileName)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, fileName);
        using (var stream = File.Create(path))
        {
            // Not a "document": no DOCTYPE naming the external SVG 1.1 DTD, which readers would otherwise try to fetch.
            new SvgExporter { Width = Width, Height = Height, IsDocument = false, TextMeasurer = new PixelTextMeasurer() }.Export(model, stream);
        }

        Out.Detail($"plot: {Shown(path)}");
        return path;
    }

    /// <summary>Relative to the repository when the file is in it (so the report can link it), else the full path.</summary>
    public static string Shown(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(RepoPaths.Root)) + Path.DirectorySeparatorChar;
        return full.StartsWith(root, StringComparison.Ordinal) ? full[root.Length..].Replace(Path.DirectorySeparatorChar, '/') : full;
    }

    /// <summary>
    /// OxyPlot's managed text metrics (its PDF writer's) are in points, where the SVG's font sizes are pixels, a third
    /// larger: measured unscaled, labels would run into the legend's next entry and the axis titles.
    /// </summary>
    private sealed class PixelTextMeasurer() : PdfRenderContext(Width, Height, OxyColors.White)
    {
        private const double PixelsPerPoint = 96.0 / 72;

        public override OxySize MeasureText(string text, string fontFamily, double fontSize, double fontWeight)
        {
            var size = base.MeasureText(text, fontFamily, fontSize, fontWeight);
            return new OxySize(size.Width * PixelsPerPoint, size.Height * PixelsPerPoint);
        }
    }
}
