using GraphQL;

namespace Pricing.Gateway;

/// <summary>
/// A bad argument from a client, with a stable code: GraphQL reports it in <c>errors[].extensions.code</c>, REST as
/// a 400 with <c>{"error": code, "detail": message}</c>.
/// </summary>
public sealed class ApiArgumentException : ExecutionError
{
    public ApiArgumentException(string code, string message) : base(message) => Code = code;

    public const string BadArgument = "BAD_ARGUMENT";
    public const string BadDate = "BAD_DATE";
    public const string BadDateRange = "BAD_DATE_RANGE";
    public const string BadCursor = "BAD_CURSOR";
    public const string UnknownSku = "UNKNOWN_SKU";
    public const string NotFound = "NOT_FOUND";
    public const string RunInProgress = "RUN_IN_PROGRESS";
}
