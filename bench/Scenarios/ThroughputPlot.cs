using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Series;
using WealthActors.Bench.Infrastructure;

namespace WealthActors.Bench.Scenarios;

/// <summary>
/// command-throughput as a picture: operations completed in each second of each path it measured, one line a path, all
/// from the start of their own run. A rate that sags or climbs over the run (a checkpoint, a collection, the JIT) shows
/// where a mean hides it.
/// </summary>
public static class ThroughputPlot
{
    public static PlotModel Build(string storage, int callers, IEnumerable<(string Path, MixResult Result)> paths)
    {
        var model = SvgPlot.Model($"Command throughput on {storage}: {callers} callers",
            "operations completed in each second of each path's run (a grain or HTTP operation is one command; a raw operation one upsert)");
        model.Axes.Add(SvgPlot.Axis(AxisPosition.Bottom, "time since the path's run started", "s", minimum: 0));
        model.Axes.Add(SvgPlot.Axis(AxisPosition.Left, "operations per second", "ops/s", minimum: 0));
        foreach (var (path, result) in paths)
        {
            var seconds = result.FullSeconds;
            // Each second's count drawn at its middle; markers, so that a run of a single second still shows.
            var line = new LineSeries { Title = $"{path}: mean {Stats.F0(result.PerSecond)} ops/s", MarkerType = MarkerType.Circle, MarkerSize = 2.5 };
            for (var s = 0; s < seconds.Count; s++)
            {
                line.Points.Add(new DataPoint(s + 0.5, seconds[s]));
            }

            model.Series.Add(line);
        }

        return model;
    }
}
