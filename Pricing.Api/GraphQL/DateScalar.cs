using System.Globalization;
using GraphQL.Types;
using GraphQLParser.AST;

namespace Pricing.Gateway.GraphQL;

/// <summary>The API's <c>scalar Date</c> (docs/api.md): "yyyy-MM-dd", nothing else (GraphQL.NET's own is named DateOnly).</summary>
public sealed class DateScalar : ScalarGraphType
{
    public DateScalar() => Name = "Date";

    public override object? ParseLiteral(GraphQLValue value) => value switch
    {
        GraphQLNullValue => null,
        GraphQLStringValue s => Parse(new string(s.Value.Span)),
        _ => ThrowLiteralConversionError(value, "a Date is a string \"yyyy-MM-dd\""),
    };

    public override object? ParseValue(object? value) => value switch
    {
        null => null,
        string s => Parse(s),
        DateOnly d => d,
        _ => ThrowValueConversionError(value),
    };

    public override object? Serialize(object? value) => value switch
    {
        null => null,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => ThrowSerializationError(value),
    };

    private static DateOnly Parse(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new FormatException($"'{text}' is not a date as yyyy-MM-dd");
}
