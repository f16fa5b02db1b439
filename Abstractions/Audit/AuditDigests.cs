using System.Security.Cryptography;
using System.Text;

namespace WealthActors.Audit;

/// <summary>The digest an audit entry keeps of what a door received: SHA-256 as lower-case hex.</summary>
public static class AuditDigests
{
    public static string Of(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));

    public static string Of(string text) => Of(Encoding.UTF8.GetBytes(text));
}
