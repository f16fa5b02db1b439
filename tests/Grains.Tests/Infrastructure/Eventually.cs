namespace WealthActors.Grains.Tests.Infrastructure;

/// <summary>
/// Waits for work that a fired timer or reminder has queued to finish. Business time never advances here: the
/// fake clock is moved only by the test; this waits only for the silo to process what is already due.
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
