using System.Net;
using Microsoft.IdentityModel.Tokens;
using WealthActors.Bot.Channels.Teams;

namespace WealthActors.Bot.Tests.Channels.Teams;

public sealed class BotFrameworkTokenValidatorTests : TokenValidatorTestBase
{
    [Fact]
    public async Task ValidateAsync_ValidToken_SucceedsWithClaims()
    {
        var result = await ValidateAsync(Token());

        Assert.True(result.Succeeded, result.Reason);
        Assert.Equal(HttpStatusCode.OK, result.StatusCode);
        Assert.Equal(BotFrameworkTokens.ServiceUrl, result.Identity!.FindFirst("serviceurl")?.Value);
        Assert.Equal(1, Identity.MetadataFetches);
        Assert.Equal(1, Identity.KeyFetches);
    }

    [Fact]
    public async Task ValidateAsync_ActivityOverload_UsesItsChannelAndServiceUrl()
    {
        var activity = new BotActivity { Type = ActivityTypes.Message, ChannelId = Teams, ServiceUrl = BotFrameworkTokens.ServiceUrl };

        var result = await Validator.ValidateAsync("Bearer " + Token(), activity);

        Assert.True(result.Succeeded, result.Reason);
    }

    [Fact]
    public async Task ValidateAsync_ExpiredBeyondSkew_RefusedAsExpired()
    {
        var token = Token(new() { NotBefore = TimeSpan.FromHours(-2), Expires = TimeSpan.FromMinutes(-6) });

        AssertRefused(await ValidateAsync(token), BotFrameworkAuthFailure.Expired);
    }

    [Fact]
    public async Task ValidateAsync_ExpiredWithinSkew_Accepted()
    {
        var token = Token(new() { NotBefore = TimeSpan.FromHours(-1), Expires = TimeSpan.FromMinutes(-4) });

        var result = await ValidateAsync(token);

        Assert.True(result.Succeeded, result.Reason);
    }

    [Fact]
    public async Task ValidateAsync_NotYetValidBeyondSkew_RefusedAsNotYetValid()
    {
        var token = Token(new() { NotBefore = TimeSpan.FromMinutes(6), Expires = TimeSpan.FromHours(1) });

        AssertRefused(await ValidateAsync(token), BotFrameworkAuthFailure.NotYetValid);
    }

    [Fact]
    public async Task ValidateAsync_NotBeforeWithinSkew_Accepted()
    {
        var token = Token(new() { NotBefore = TimeSpan.FromMinutes(4), Expires = TimeSpan.FromHours(1) });

        var result = await ValidateAsync(token);

        Assert.True(result.Succeeded, result.Reason);
    }

    [Fact]
    public async Task ValidateAsync_NoExpiry_RefusedAsMissingLifetime()
    {
        AssertRefused(await ValidateAsync(Token(new() { Expires = null })), BotFrameworkAuthFailure.MissingLifetime);
    }

    [Fact]
    public async Task ValidateAsync_ExpiryFollowsInjectedClock_ValidTokenExpiresWhenTimeAdvances()
    {
        var token = Token();
        Assert.True((await ValidateAsync(token)).Succeeded);

        Time.Advance(TimeSpan.FromMinutes(66));

        AssertRefused(await ValidateAsync(token), BotFrameworkAuthFailure.Expired);
    }

    [Fact]
    public async Task ValidateAsync_WrongIssuer_RefusedAsInvalidIssuer()
    {
        var token = Token(new() { Issuer = "https://issuer.example/botframework.com" });

        AssertRefused(await ValidateAsync(token), BotFrameworkAuthFailure.InvalidIssuer);
    }

    [Fact]
    public async Task ValidateAsync_WrongAudience_RefusedAsInvalidAudience()
    {
        var token = Token(new() { Audience = "0f9d2b7c-1111-4222-8333-944455556666" });

        AssertRefused(await ValidateAsync(token), BotFrameworkAuthFailure.InvalidAudience);
    }

    [Fact]
    public async Task ValidateAsync_KeyNotEndorsedForChannel_RefusedWith403()
    {
        var webchatOnly = Identity.Publish("bf-key-webchat", 2, "webchat");

        var result = await ValidateAsync(Token(key: webchatOnly), channelId: Teams);

        AssertRefused(result, BotFrameworkAuthFailure.ChannelNotEndorsed);
        Assert.Equal(HttpStatusCode.Forbidden, result.StatusCode);
    }

    [Fact]
    public async Task ValidateAsync_ActivityWithoutChannelId_RefusedAsNotEndorsed()
    {
        AssertRefused(await ValidateAsync(Token(), channelId: ""), BotFrameworkAuthFailure.ChannelNotEndorsed);
    }

    [Fact]
    public async Task ValidateAsync_ServiceUrlClaimDiffers_RefusedAsMismatch()
    {
        var token = Token(new() { ServiceUrl = "https://connector.example/emea/" });

        AssertRefused(await ValidateAsync(token), BotFrameworkAuthFailure.ServiceUrlMismatch);
    }

    [Fact]
    public async Task ValidateAsync_NoServiceUrlClaim_RefusedAsMismatch()
    {
        AssertRefused(await ValidateAsync(Token(new() { ServiceUrl = null })), BotFrameworkAuthFailure.ServiceUrlMismatch);
    }

    [Fact]
    public async Task ValidateAsync_AlgNone_RefusedWithoutFetchingKeys()
    {
        var token = BotFrameworkTokens.CreateUnsigned(KeyId, Time.GetUtcNow());

        AssertRefused(await ValidateAsync(token), BotFrameworkAuthFailure.DisallowedAlgorithm);
        Assert.Equal(0, Identity.KeyFetches);
    }

    [Fact]
    public async Task ValidateAsync_Hs256WithPublishedKeyId_RefusedAsDisallowedAlgorithm()
    {
        // Key confusion: an HMAC "signature" keyed with public material, naming the real key id.
        var secret = new SymmetricSecurityKey(Key.Rsa.ExportSubjectPublicKeyInfo()) { KeyId = KeyId };
        var token = BotFrameworkTokens.Create(secret, Time.GetUtcNow(), algorithm: SecurityAlgorithms.HmacSha256);

        AssertRefused(await ValidateAsync(token), BotFrameworkAuthFailure.DisallowedAlgorithm);
    }

    [Fact]
    public async Task ValidateAsync_ForgedWithKnownKeyId_RefusedAsInvalidSignature()
    {
        var forger = FakeBotFrameworkIdentity.NewKey(KeyId, 1);

        AssertRefused(await ValidateAsync(Token(key: forger)), BotFrameworkAuthFailure.InvalidSignature);
    }

    [Fact]
    public async Task ValidateAsync_TamperedPayload_RefusedAsInvalidSignature()
    {
        var parts = Token().Split('.');
        var claims = System.Text.Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1]))
            .Replace("connector.example/amer/", "connector.example/evil/", StringComparison.Ordinal);
        var tampered = $"{parts[0]}.{Base64UrlEncoder.Encode(claims)}.{parts[2]}";

        AssertRefused(
            await ValidateAsync(tampered, serviceUrl: "https://connector.example/evil/"), BotFrameworkAuthFailure.InvalidSignature);
    }

    public static TheoryData<string?> BadHeaders => new(null, "", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer not-a-jwt", "Bearer a.b");

    [Theory]
    [MemberData(nameof(BadHeaders))]
    public async Task ValidateAsync_MissingOrMalformedHeader_RefusedWith401(string? header)
    {
        var result = await Validator.ValidateAsync(header, Teams, BotFrameworkTokens.ServiceUrl);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Failure, new[] { BotFrameworkAuthFailure.MissingToken, BotFrameworkAuthFailure.MalformedToken });
        Assert.Equal(HttpStatusCode.Unauthorized, result.StatusCode);
    }

    [Fact]
    public async Task ValidateAsync_BearerSchemeInOtherCase_Accepted()
    {
        var result = await Validator.ValidateAsync("bearer " + Token(), Teams, BotFrameworkTokens.ServiceUrl);

        Assert.True(result.Succeeded, result.Reason);
    }
}
