namespace Pricing.Model;

/// <summary>
/// The one mapping between the job enums and their names, as stored in <c>job_runs</c> and shown by the API
/// (docs/api.md, Jobs): kinds and stages in lower case (<c>recompute_sku</c>), modes and statuses in upper case.
/// A name that is not one of them is an error, never a default.
/// </summary>
public static class JobNames
{
    public static string Name(this JobKind kind) => kind switch
    {
        JobKind.RecomputeSku => "recompute_sku",
        _ => kind.ToString().ToLowerInvariant(),
    };

    public static string Name(this JobMode mode) => mode.ToString().ToUpperInvariant();

    public static string Name(this JobStage stage) => stage.ToString().ToLowerInvariant();

    public static string Name(this JobStatus status) => status.ToString().ToUpperInvariant();

    public static T Parse<T>(string name) where T : struct, Enum =>
        TryParse<T>(name, out var value) ? value
            : throw new PricingException($"'{name}' is not a {typeof(T).Name}: one of {string.Join(", ", Names<T>())}");

    public static bool TryParse<T>(string? name, out T value) where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (NameOf(candidate) == name)
            {
                value = candidate;
                return true;
            }
        }
        value = default;
        return false;
    }

    public static IEnumerable<string> Names<T>() where T : struct, Enum => Enum.GetValues<T>().Select(NameOf);

    private static string NameOf<T>(T value) where T : struct, Enum => value switch
    {
        JobKind k => k.Name(),
        JobMode m => m.Name(),
        JobStage s => s.Name(),
        JobStatus s => s.Name(),
        _ => throw new ArgumentException($"{typeof(T).Name} is not a job enum"),
    };
}
