using System.Text.Json;
using System.Text.Json.Serialization;

namespace WealthActors.Bot.Channels.Teams;

/// <summary>The Bot Framework wire format: camelCase JSON, absent rather than null fields.</summary>
public static class BotFrameworkJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Reads an activity from a request body; null when the body is the JSON literal <c>null</c>.</summary>
    /// <exception cref="JsonException">The body is not a JSON activity.</exception>
    public static ValueTask<BotActivity?> ReadActivityAsync(Stream body, CancellationToken cancellationToken = default) =>
        JsonSerializer.DeserializeAsync<BotActivity>(body, Options, cancellationToken);

    public static BotActivity? ParseActivity(string json) => JsonSerializer.Deserialize<BotActivity>(json, Options);

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);
}
