using System.Text.Json;
using System.Xml.Linq;

namespace WealthActors.Bot.Tests.Channels.WeCom;

/// <summary>One signed and encrypted sample of an official vector set.</summary>
/// <param name="Encrypt">The ciphertext: echostr for URL verification, the Encrypt element for a message.</param>
/// <param name="Random">The 16 leading plaintext bytes, when the set publishes them.</param>
public sealed record WeComVectorCase(
    string MsgSignature, string Timestamp, string Nonce, string Encrypt, string ExpectedPlaintext, byte[]? Random, string? Body);

public sealed record WeComVectorSet(
    string Name, string Token, string EncodingAesKey, string ReceiveId, WeComVectorCase VerifyUrl, WeComVectorCase Message);

/// <summary>
/// The official WXBizMsgCrypt vectors, read from <c>tests/Specs/wecom-official-vectors.json</c>.
/// </summary>
public static class WeComVectors
{
    private static readonly Lazy<IReadOnlyDictionary<string, WeComVectorSet>> Sets = new(Load);

    public static TheoryData<string> SetNames => new("set1", "set2");

    public static WeComVectorSet Get(string name) =>
        Sets.Value.TryGetValue(name, out var set) ? set : throw new KeyNotFoundException($"No vector set '{name}'.");

    public static WeComVectorCase Case(string setName, string caseName) => caseName switch
    {
        "verifyUrl" => Get(setName).VerifyUrl,
        "message" => Get(setName).Message,
        _ => throw new ArgumentOutOfRangeException(nameof(caseName), caseName, null),
    };

    public static string FilePath() => RepositoryFiles.Spec("wecom-official-vectors.json");

    private static IReadOnlyDictionary<string, WeComVectorSet> Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(FilePath()));
        return document.RootElement.GetProperty("sets").EnumerateArray()
            .Select(set => new WeComVectorSet(
                set.GetProperty("name").GetString()!,
                set.GetProperty("token").GetString()!,
                set.GetProperty("encodingAesKey").GetString()!,
                set.GetProperty("receiveId").GetString()!,
                ReadCase(set.GetProperty("verifyUrl")),
                ReadCase(set.GetProperty("message"))))
            .ToDictionary(set => set.Name);
    }

    private static WeComVectorCase ReadCase(JsonElement element)
    {
        var body = Text(element, "body");
        // The ciphertext comes as echostr, as a bare encrypt value, or inside the envelope body.
        var encrypt = Text(element, "echostr") ?? Text(element, "encrypt")
            ?? XDocument.Parse(body ?? throw new InvalidDataException("A vector case has no ciphertext.")).Root!.Element("Encrypt")!.Value;
        return new WeComVectorCase(
            Text(element, "msg_signature")!,
            Text(element, "timestamp")!,
            Text(element, "nonce")!,
            encrypt,
            Text(element, "expectedPlaintext")!,
            Text(element, "random") is { } random ? System.Text.Encoding.ASCII.GetBytes(random) : null,
            body);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.GetString() : null;
}
