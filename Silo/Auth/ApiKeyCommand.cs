using System.Security.Cryptography;

namespace WealthActors.Silo.Auth;

/// <summary>
/// <c>dotnet run --project Silo -- api-key</c>: makes a new random key for a system and prints it once, with the
/// <c>KeyHash</c> to put into configuration instead of the key itself.
/// </summary>
public static class ApiKeyCommand
{
    public const string Verb = "api-key";

    public static int Run()
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Console.WriteLine($"key:     {key}");
        Console.WriteLine($"KeyHash: {ApiKeyEntry.Hash(key)}");
        Console.WriteLine("Give the key to the system; configure only the hash, e.g. Auth__ApiKeys__0__KeyHash=<KeyHash>.");
        return 0;
    }
}
