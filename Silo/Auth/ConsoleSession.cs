using System.Security.Claims;

namespace WealthActors.Silo.Auth;

/// <summary>A person's session principal (their employee id only), or why no session may be opened.</summary>
internal sealed record ConsoleSession(ClaimsPrincipal Principal, string? Refusal);
