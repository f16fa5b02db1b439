namespace WealthActors.Silo.Apis;

/// <summary>
/// Endpoint metadata: this endpoint takes bodies up to <paramref name="Bytes"/> (a file upload), instead of the API's
/// <see cref="ApiHostingExtensions.MaxRequestBodyBytes"/>; a larger one is refused naming <paramref name="Field"/>.
/// </summary>
public sealed record BodySizeLimit(long Bytes, string Field = "body");
