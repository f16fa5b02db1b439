using System.Security.Cryptography;
using WealthActors.Silo.DataProtection;

namespace WealthActors.Silo.Tests.DataProtection;

/// <summary>Fresh random keys and rings for the sealing tests.</summary>
internal static class TestKeys
{
    public static DataKey Aes(string id) => new(id, SealingAlgorithm.Aes256Gcm, RandomNumberGenerator.GetBytes(32));

    public static DataKey Sm4(string id) => new(id, SealingAlgorithm.Sm4Gcm, RandomNumberGenerator.GetBytes(16));

    public static PayloadSealer Sealer(DataKey current, params DataKey[] others) => new(new KeyRing([current, .. others], current.Id));

    public static byte[] Hex(string hex) => Convert.FromHexString(hex);
}
