namespace Pricing.Model;

/// <summary>
/// Seconds a run spent per stage, summed over its batches: reading the source, the SKU grains, ML scoring and
/// writing the analytics DB. Batches run in parallel, so the sum may exceed the wall time; the ratio between the
/// stages is what tells which one bounds a run.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record StageSeconds(
    [property: Id(0)] double Read,
    [property: Id(1)] double Compute,
    [property: Id(2)] double Score,
    [property: Id(3)] double Write)
{
    public static readonly StageSeconds Zero = new(0, 0, 0, 0);

    public StageSeconds Add(StageSeconds other) =>
        new(Read + other.Read, Compute + other.Compute, Score + other.Score, Write + other.Write);

    public override string ToString() => $"read {Read:0.0} s, grains {Compute:0.0} s, scoring {Score:0.0} s, writing {Write:0.0} s";
}
