namespace WealthActors.Silo.Apis;

/// <summary>
/// Endpoint metadata: this endpoint takes bodies up to <paramref name="Bytes"/> (a file upload), instead of the API's
/// <see cref="ApiHostingExtensions.MaxRequestBodyBytes"/>.
/// </summary>
public sealed record BodySizeLimit(long Bytes);
