namespace Pricing.Storage;

public enum DatabaseKind { Sqlite, MySql }
