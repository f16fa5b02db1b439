using Microsoft.Extensions.Logging.Abstractions;
using WealthActors.Bot.Conversation;

namespace WealthActors.Bot.Tests.Infrastructure;

/// <summary>
/// The shared in-process silo (<see cref="GrainClusterFixture{TReadModel}"/>), for the conversation engine and the
/// channels to talk to as they do in the Silo.
/// </summary>
public sealed class BotClusterFixture : GrainClusterFixture<TestReadModel>
{
    public RecordingAuditTrail Audit { get; } = new();

    public ConversationEngine Engine => EngineWith(WealthActors.Privacy.MaskingRules.Default);

    public ConversationEngine EngineWith(WealthActors.Privacy.MaskingRules masking) =>
        new(Grains, ReadModel, Clock, Audit, masking, ReadModel, NullLogger<ConversationEngine>.Instance);
}

[CollectionDefinition(Name)]
public sealed class BotClusterCollection : ICollectionFixture<BotClusterFixture>
{
    public const string Name = "bot-cluster";
}
