namespace Pricing.Model;

/// <summary>Someone who may use the grid, with the role that bounds what they and their tokens may do.</summary>
[GenerateSerializer, Immutable]
public sealed record UserAccount(
    [property: Id(0)] string Name,
    [property: Id(1)] Role Role,
    [property: Id(2)] string? PasswordHash,
    [property: Id(3)] int FailedSignIns,
    [property: Id(4)] DateTime? LockedUntil,
    [property: Id(5)] DateTime CreatedAt);

/// <summary>A bearer token as stored: never the token itself, only who it acts for, as what, and until when.</summary>
[GenerateSerializer, Immutable]
public sealed record ApiToken(
    [property: Id(0)] long Id,
    [property: Id(1)] string UserName,
    [property: Id(2)] Role Role,
    [property: Id(3)] DateTime CreatedAt,
    [property: Id(4)] DateTime ExpiresAt,
    [property: Id(5)] DateTime? RevokedAt);
