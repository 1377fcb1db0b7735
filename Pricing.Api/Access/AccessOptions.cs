namespace Pricing.Gateway.Access;

/// <summary>
/// <c>Pricing:Auth:Required</c>: whether operations need a signed-in caller with their role (docs/api.md, Sign-in
/// and roles). Off by default until the UI signs in; health stays open either way.
/// </summary>
public sealed record AccessOptions(bool Required)
{
    public const string RequiredKey = "Pricing:Auth:Required";
}
