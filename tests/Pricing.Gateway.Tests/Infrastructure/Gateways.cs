using Pricing.Storage;

namespace Pricing.Gateway.Tests.Infrastructure;

public sealed class SqliteGateway() : GatewayHost(DatabaseKind.Sqlite);

public sealed class MySqlGateway() : GatewayHost(DatabaseKind.MySql);

/// <summary>Gateways of their own, for the tests that sign in and out, run every mutation and lock users out.</summary>
public sealed class SqliteGuardedGateway() : GatewayHost(DatabaseKind.Sqlite);

public sealed class MySqlGuardedGateway() : GatewayHost(DatabaseKind.MySql);

[CollectionDefinition(Name)]
public sealed class SqliteGatewayCollection : ICollectionFixture<SqliteGateway>
{
    public const string Name = "gateway on SQLite";
}

[CollectionDefinition(Name)]
public sealed class MySqlGatewayCollection : ICollectionFixture<MySqlGateway>
{
    public const string Name = "gateway on MariaDB";
}
