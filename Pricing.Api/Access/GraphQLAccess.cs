using GraphQLParser.AST;
using Pricing.Model;

namespace Pricing.Gateway.Access;

/// <summary>
/// The role a GraphQL operation needs: the highest of its root fields' rules (<see cref="AccessRules"/>), through
/// fragments too. Checked before anything runs, so a refused mutation does nothing, and nested fields go with their
/// root field: whoever may read <c>anomalies</c> may read every field of an anomaly.
/// </summary>
public static class GraphQLAccess
{
    public sealed record Need(Role Role, string Field);

    /// <summary>What the chosen operation needs, or null when the document names no operation to run.</summary>
    public static Need? Required(GraphQLDocument document, GraphQLOperationDefinition operation)
    {
        var fragments = document.Definitions.OfType<GraphQLFragmentDefinition>().ToDictionary(f => f.FragmentName.Name.StringValue);
        return RootFields(operation.SelectionSet, fragments, [])
            .Select(field => new Need(AccessRules.ForGraphQLField(field), field))
            .MaxBy(need => need.Role);
    }

    private static IEnumerable<string> RootFields(GraphQLSelectionSet set, Dictionary<string, GraphQLFragmentDefinition> fragments, HashSet<string> spread)
    {
        foreach (var selection in set.Selections)
        {
            var nested = selection switch
            {
                GraphQLField field => [field.Name.StringValue],
                GraphQLInlineFragment inline => RootFields(inline.SelectionSet, fragments, spread),
                GraphQLFragmentSpread s when spread.Add(s.FragmentName.Name.StringValue) && fragments.TryGetValue(s.FragmentName.Name.StringValue, out var f)
                    => RootFields(f.SelectionSet, fragments, spread),
                _ => [],
            };
            foreach (var name in nested)
                yield return name;
        }
    }
}
