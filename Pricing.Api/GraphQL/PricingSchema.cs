using GraphQL.Types;

namespace Pricing.Gateway.GraphQL;

public sealed class PricingSchema : Schema
{
    public PricingSchema(IServiceProvider services, PricingQuery query, PricingMutation mutation) : base(services)
    {
        Query = query;
        Mutation = mutation;
        RegisterTypeMapping(typeof(DateOnly), typeof(DateScalar));
    }
}
