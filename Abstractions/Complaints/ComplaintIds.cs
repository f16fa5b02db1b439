using System.Security.Cryptography;

namespace WealthActors.Complaints;

/// <summary>The one format of complaint ids, shared by every entry point that opens complaints (API, chat bot).</summary>
public static class ComplaintIds
{
    /// <summary>Readable, sortable by day, and unguessable enough that two entry points never collide.</summary>
    public static string New(DateTimeOffset now) => $"CMP-{now:yyyyMMdd}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(5))}";
}
