namespace WealthActors;

/// <summary>Base of the rule violations a grain reports to its caller; the HTTP layer maps each to a 4xx.</summary>
[GenerateSerializer, Alias("WealthActors.DomainException")]
public abstract class DomainException(string message) : Exception(message);

/// <summary>The command is not allowed in the entity's current state (HTTP 409). Nothing was changed.</summary>
[GenerateSerializer, Alias("WealthActors.InvalidTransitionException")]
public sealed class InvalidTransitionException(string message) : DomainException(message);

/// <summary>An entity with this id exists already (HTTP 409). Nothing was changed.</summary>
[GenerateSerializer, Alias("WealthActors.EntityExistsException")]
public sealed class EntityExistsException(string message) : DomainException(message);

/// <summary>The addressed entity does not exist (HTTP 404).</summary>
[GenerateSerializer, Alias("WealthActors.EntityNotFoundException")]
public sealed class EntityNotFoundException(string message) : DomainException(message);

/// <summary>A field of the command is invalid (HTTP 400); <see cref="Field"/> names it.</summary>
[GenerateSerializer, Alias("WealthActors.DomainValidationException")]
public sealed class DomainValidationException(string field, string message) : DomainException(message)
{
    [Id(0)] public string Field { get; } = field;
}

/// <summary>The actor may not perform this command (HTTP 403).</summary>
[GenerateSerializer, Alias("WealthActors.PermissionDeniedException")]
public sealed class PermissionDeniedException(string message) : DomainException(message);
