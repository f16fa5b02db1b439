using System.Net;
using System.Text.Json.Nodes;
using WealthActors.Bot.Channels.Teams;

namespace WealthActors.Bot.Tests.Channels.Teams;

/// <summary>Key caching, rotation and refresh, seen through the validator and the fake's fetch counters.</summary>
public sealed class BotFrameworkSigningKeyCacheTests : TokenValidatorTestBase
{
    [Fact]
    public async Task ValidateAsync_ManyRequests_FetchesMetadataAndKeysOnce()
    {
        for (var i = 0; i < 5; i++)
        {
            Assert.True((await ValidateAsync(Token())).Succeeded);
            Time.Advance(TimeSpan.FromMinutes(30));
        }

        Assert.Equal(1, Identity.MetadataFetches);
        Assert.Equal(1, Identity.KeyFetches);
    }

    [Fact]
    public async Task ValidateAsync_ConcurrentFirstRequests_ShareOneFetch()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => ValidateAsync(Token())));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Reason));
        Assert.Equal(1, Identity.KeyFetches);
    }

    [Fact]
    public async Task ValidateAsync_KeyRotated_NewKidTriggersRefetchAndIsAccepted()
    {
        Assert.True((await ValidateAsync(Token())).Succeeded);
        Time.Advance(TimeSpan.FromMinutes(10));
        var rotated = Identity.Publish("bf-key-2", 3, Teams);

        var result = await ValidateAsync(Token(key: rotated));

        Assert.True(result.Succeeded, result.Reason);
        Assert.Equal(2, Identity.KeyFetches);
    }

    [Fact]
    public async Task ValidateAsync_FloodOfUnknownKids_AtMostOneFetchPerMinimumInterval()
    {
        Assert.True((await ValidateAsync(Token())).Succeeded);
        Time.Advance(TimeSpan.FromMinutes(1));

        for (var i = 0; i < 20; i++)
        {
            var result = await ValidateAsync(Token(key: FakeBotFrameworkIdentity.NewKey($"made-up-{i}", 1)));
            AssertRefused(result, BotFrameworkAuthFailure.UnknownSigningKey);
        }

        // Still within five minutes of the first fetch: no fetch at all.
        Assert.Equal(1, Identity.KeyFetches);

        Time.Advance(TimeSpan.FromMinutes(5));
        for (var i = 0; i < 20; i++)
        {
            AssertRefused(await ValidateAsync(Token(key: FakeBotFrameworkIdentity.NewKey($"other-{i}", 1))),
                BotFrameworkAuthFailure.UnknownSigningKey);
        }

        Assert.Equal(2, Identity.KeyFetches);
    }

    [Fact]
    public async Task ValidateAsync_RotationWithinMinimumInterval_RefusedUntilIntervalPasses()
    {
        Assert.True((await ValidateAsync(Token())).Succeeded);
        var rotated = Identity.Publish("bf-key-2", 3, Teams);

        AssertRefused(await ValidateAsync(Token(key: rotated)), BotFrameworkAuthFailure.UnknownSigningKey);
        Time.Advance(TimeSpan.FromMinutes(5));

        Assert.True((await ValidateAsync(Token(key: rotated))).Succeeded);
        Assert.Equal(2, Identity.KeyFetches);
    }

    [Fact]
    public async Task ValidateAsync_AfterADay_MetadataAndKeysRefetched()
    {
        Assert.True((await ValidateAsync(Token())).Succeeded);

        Time.Advance(TimeSpan.FromHours(23) + TimeSpan.FromMinutes(59));
        Assert.True((await ValidateAsync(Token())).Succeeded);
        Assert.Equal(1, Identity.MetadataFetches);

        Time.Advance(TimeSpan.FromMinutes(2));
        Assert.True((await ValidateAsync(Token())).Succeeded);
        Assert.Equal(2, Identity.MetadataFetches);
        Assert.Equal(2, Identity.KeyFetches);
    }

    [Fact]
    public async Task ValidateAsync_KeyWithdrawnThenADayPasses_KeyNoLongerAccepted()
    {
        Assert.True((await ValidateAsync(Token())).Succeeded);
        var successor = Identity.Publish("bf-key-2", 3, Teams);
        Identity.Withdraw(KeyId);

        Time.Advance(TimeSpan.FromDays(1));

        AssertRefused(await ValidateAsync(Token()), BotFrameworkAuthFailure.UnknownSigningKey);
        Assert.True((await ValidateAsync(Token(key: successor))).Succeeded);
        Assert.Equal(2, Identity.KeyFetches);
    }

    [Fact]
    public async Task ValidateAsync_EndorsementsChangeAfterADay_NewEndorsementsApply()
    {
        Assert.True((await ValidateAsync(Token())).Succeeded);
        Identity.Withdraw(KeyId);
        Identity.Publish(Key, "webchat");

        Time.Advance(TimeSpan.FromDays(1));

        AssertRefused(await ValidateAsync(Token()), BotFrameworkAuthFailure.ChannelNotEndorsed);
    }

    [Fact]
    public async Task ValidateAsync_OutageAfterKeysLoaded_KeepsUsingLastKeysUntilTheyAreFiveDaysOld()
    {
        Assert.True((await ValidateAsync(Token())).Succeeded);
        Identity.Failing = true;

        Time.Advance(TimeSpan.FromDays(2));
        Assert.True((await ValidateAsync(Token())).Succeeded);

        Time.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
        var result = await ValidateAsync(Token());

        AssertRefused(result, BotFrameworkAuthFailure.MetadataUnavailable);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, result.StatusCode);
    }

    [Fact]
    public async Task ValidateAsync_OutageBeforeFirstLoad_ServiceUnavailableAndRetriedAfterBackoff()
    {
        Identity.Failing = true;

        AssertRefused(await ValidateAsync(Token()), BotFrameworkAuthFailure.MetadataUnavailable);
        AssertRefused(await ValidateAsync(Token()), BotFrameworkAuthFailure.MetadataUnavailable);
        Assert.Equal(1, Identity.MetadataFetches);

        Identity.Failing = false;
        Time.Advance(BotFrameworkSigningKeyCache.FailedFetchBackoff);

        Assert.True((await ValidateAsync(Token())).Succeeded);
        Assert.Equal(2, Identity.MetadataFetches);
    }

    [Fact]
    public async Task ValidateAsync_JwksWithForeignAndBrokenKeys_UsableKeyStillAccepted()
    {
        Identity.ExtraKeys.Add(new JsonObject { ["kty"] = "EC", ["kid"] = "ec-key", ["crv"] = "P-256", ["x"] = "AA", ["y"] = "AA" });
        Identity.ExtraKeys.Add(new JsonObject { ["kty"] = "RSA", ["kid"] = "enc-key", ["use"] = "enc", ["n"] = "AQAB", ["e"] = "AQAB" });
        Identity.ExtraKeys.Add(new JsonObject { ["kty"] = "RSA", ["kid"] = "broken", ["n"] = "AQAB", ["e"] = "AQAB", ["x5c"] = "not-an-array" });
        Identity.ExtraKeys.Add(new JsonObject { ["kty"] = "RSA", ["kid"] = "no-modulus" });

        var result = await ValidateAsync(Token());

        Assert.True(result.Succeeded, result.Reason);
    }

    [Fact]
    public async Task ValidateAsync_JwksWithOnlyUnusableKeys_ServiceUnavailable()
    {
        Identity.Withdraw(KeyId);
        Identity.ExtraKeys.Add(new JsonObject { ["kty"] = "RSA", ["kid"] = "no-modulus" });

        AssertRefused(await ValidateAsync(Token()), BotFrameworkAuthFailure.MetadataUnavailable);
    }

    [Fact]
    public async Task ValidateAsync_MetadataNamesPlainHttpKeysOffMachine_RefusedWithoutFetchingThem()
    {
        Identity.JwksUriOverride = "http://keys.example/v1/.well-known/keys";

        AssertRefused(await ValidateAsync(Token()), BotFrameworkAuthFailure.MetadataUnavailable);
        Assert.Equal(0, Identity.KeyFetches);
    }
}
