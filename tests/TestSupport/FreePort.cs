using System.Net;
using System.Net.Sockets;

namespace WealthActors.Testing;

/// <summary>
/// Loopback ports for servers a test or benchmark starts (silos, their gateways, HTTP, PostgreSQL). Shared by the
/// test projects and the benchmarks.
/// </summary>
/// <remarks>
/// The ports come from below the range the OS hands to outgoing connections: a port the OS picked from that range
/// could be taken by a database client's or an HTTP client's socket between being picked and being bound, and the
/// server would fail with "address already in use". Each process starts at a random point of the range, so test
/// processes running side by side rarely try the same port, and a port in use is skipped.
/// </remarks>
public static class FreePort
{
    private const int Low = 20_000;
    private const int High = 32_000;

    private static int _cursor = Random.Shared.Next(Low, High);

    /// <summary>A loopback port below the ephemeral range that was free a moment ago.</summary>
    public static int Next()
    {
        for (var tried = 0; tried < High - Low; tried++)
        {
            var port = Low + ((Interlocked.Increment(ref _cursor) - Low) % (High - Low));
            if (IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No free loopback port between {Low} and {High}.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
