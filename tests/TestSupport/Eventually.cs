namespace WealthActors.Testing;

/// <summary>
/// Waits for work already under way to show (a fired timer or reminder, a background gatherer), polling a probe. Business
/// time never advances here: a fake clock is moved only by the test; this waits only for what is already due.
/// </summary>
public static class Eventually
{
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, string what, int timeoutMs = 15_000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (Environment.TickCount64 > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}.");
            }

            await Task.Yield();
            await Task.Delay(20);
        }
    }
}
