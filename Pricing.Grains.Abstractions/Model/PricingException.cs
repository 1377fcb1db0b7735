namespace Pricing.Model;

/// <summary>
/// An error that crosses grain and silo boundaries with its message intact. Driver exceptions (MySqlException,
/// SqliteException) have no Orleans codec, so a call filter turns them into this before they leave a grain.
/// </summary>
[GenerateSerializer]
public sealed class PricingException : Exception
{
    public PricingException(string message) : base(message) { }

    public PricingException(string message, Exception inner) : base(message, inner) { }
}
