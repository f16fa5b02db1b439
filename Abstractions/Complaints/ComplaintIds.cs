using System.Security.Cryptography;

namespace WealthActors.Complaints;

/// <summary>The one format of complaint ids, shared by every entry point that opens complaints (API, chat bot).</summary>
public static class ComplaintIds
{
    /// <summary>How many ids one open draws before it gives up; a second draw already fails once in trillions.</summary>
    private const int MaxDraws = 3;

    /// <summary>Readable, sortable by day, and unguessable.</summary>
    public static string New(DateTimeOffset now) => $"CMP-{now:yyyyMMdd}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(5))}";

    /// <summary>
    /// Opens a complaint under a new id. An id has 40 random bits per day, so among 100,000 complaints opened in one
    /// day two draw the same id about once in 200 days: the second then draws again instead of failing its caller.
    /// </summary>
    public static Task<ComplaintView> OpenUnderNewId(IGrainFactory grains, DateTimeOffset now, OpenComplaint command, Actor actor) =>
        OpenUnderNewId(grains, () => New(now), command, actor);

    /// <summary>As above, with the ids drawn from <paramref name="draw"/>.</summary>
    public static async Task<ComplaintView> OpenUnderNewId(IGrainFactory grains, Func<string> draw, OpenComplaint command, Actor actor)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await grains.GetGrain<IComplaintGrain>(draw()).Open(command, actor);
            }
            catch (EntityExistsException) when (attempt < MaxDraws)
            {
                // Taken by another complaint, which is left as it was.
            }
        }
    }
}
