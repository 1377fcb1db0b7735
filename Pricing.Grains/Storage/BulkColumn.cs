namespace Pricing.Storage;

/// <summary>One column of a bulk write: its name and how to read its value from a row.</summary>
public sealed record BulkColumn<T>(string Name, Func<T, object?> Value);

/// <summary>What a bulk write does with a row whose primary key already exists.</summary>
public enum OnDuplicate { Fail, Replace }
