namespace WealthActors.Silo.Auth;

/// <summary>
/// ASP.NET Core's authentication handlers log every challenge, forbid and unknown credential at Information, so a burst
/// of unauthenticated requests (a scanner, a client with a stale key) writes a line each: 53,005 lines in a 4-second
/// burst of 401s. The API key handler logs through this factory, which lowers those lines to Debug; warnings and
/// errors pass unchanged, and the lines are still there for whoever turns Debug on.
/// </summary>
internal sealed class InformationAsDebugLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new Logger(inner.CreateLogger(categoryName));

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose()
    {
        // The inner factory belongs to the host.
    }

    private static LogLevel Lower(LogLevel level) => level == LogLevel.Information ? LogLevel.Debug : level;

    private sealed class Logger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(Lower(logLevel));

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            inner.Log(Lower(logLevel), eventId, state, exception, formatter);
    }
}
