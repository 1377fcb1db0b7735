using System.Security.Cryptography;
using System.Text;

namespace Pricing.Identity;

/// <summary>
/// Bearer tokens: 32 random bytes, base64url, behind a <c>pg_</c> prefix that secret scanners and people recognise.
/// Only a token's SHA-256 is stored: a token is random enough that a salted, slow hash would add nothing.
/// </summary>
public static class ApiTokens
{
    public const string Prefix = "pg_";

    public static string New() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
