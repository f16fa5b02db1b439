using System.Runtime.InteropServices;

namespace WealthActors.Bench.Inside.Micro;

/// <summary>
/// CPU time of the calling thread (Linux, nanoseconds). On a machine shared with other work a thread is preempted for
/// most of the wall-clock time an operation takes; the CPU time it used is what the operation costs.
/// </summary>
internal static partial class ThreadCpuTime
{
    private const int ClockThreadCpuTimeId = 3;

    public static long Nanoseconds() =>
        ClockGetTime(ClockThreadCpuTimeId, out var time) == 0 ? (time.Seconds * 1_000_000_000L) + time.Nanoseconds : throw new PlatformNotSupportedException("clock_gettime failed.");

    /// <summary>CPU nanoseconds per call of <paramref name="operation"/>: the best of five runs, after a warm-up.</summary>
    public static double PerOperation(Action operation, int iterations)
    {
        for (var i = 0; i < iterations; i++)
        {
            operation();
        }

        var best = double.MaxValue;
        for (var run = 0; run < 5; run++)
        {
            var start = Nanoseconds();
            for (var i = 0; i < iterations; i++)
            {
                operation();
            }

            best = Math.Min(best, (Nanoseconds() - start) / (double)iterations);
        }

        return best;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clockId, out Timespec time);
}
