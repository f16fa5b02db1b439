namespace WealthActors.Silo.Security;

/// <summary>
/// Configuration section <c>RateLimiting</c>: how many API requests each caller may make. A caller is a person (a
/// bearer token's employee), a system (an API key's name) or, before either is proven, a client IP address. Systems
/// push and poll in bulk, so their keys may send far more than a person at a screen; an unauthenticated address gets
/// the least, which also slows the guessing of keys.
/// </summary>
public sealed class RateLimitingOptions
{
    public const string Section = "RateLimiting";

    /// <summary>Off only behind a gateway that limits requests itself.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Per employee signed in with a bearer token (claim <c>wa:employee</c>).</summary>
    public TokenBucketSettings People { get; set; } = new() { PermitsPerSecond = 20, Burst = 60 };

    /// <summary>Per API key (claim <c>wa:key</c>): the benchmarks send several thousand requests a second from one key.</summary>
    public TokenBucketSettings Keys { get; set; } = new() { PermitsPerSecond = 10_000, Burst = 20_000 };

    /// <summary>
    /// Per client IP address, for requests to <c>/api</c> that carry no valid credentials: a misconfigured client's
    /// burst of refusals passes, a key-guessing loop is slowed to ten guesses a second.
    /// </summary>
    public TokenBucketSettings Anonymous { get; set; } = new() { PermitsPerSecond = 10, Burst = 100 };

    /// <summary>Inbox streams (<c>GET /api/webchat/inbox/{employeeId}/stream</c>) one caller may hold open at once.</summary>
    public int InboxStreamsPerCaller { get; set; } = 5;
}

/// <summary>A token bucket: up to <see cref="Burst"/> requests at once, refilled at <see cref="PermitsPerSecond"/>.</summary>
public sealed class TokenBucketSettings
{
    public int PermitsPerSecond { get; set; }

    public int Burst { get; set; }
}
