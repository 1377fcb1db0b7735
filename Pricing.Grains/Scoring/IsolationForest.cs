using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Pricing.Scoring;

/// <summary>
/// Liu, Ting and Zhou's Isolation Forest (2008): each tree splits a random subsample of ψ rows on a random feature
/// at a uniform point between its least and largest value until a row stands alone or the height limit (by default
/// ⌈log₂ ψ⌉) is reached; a row that is isolated in few splits is unusual. The score is 2^(−E[h(x)] / c(ψ)), in (0, 1], where h is
/// the path length (plus c(n) for a leaf that still holds n rows) and c(n) the mean path length of an unsuccessful
/// search in a binary search tree of n keys. ML.NET has no Isolation Forest, hence this one.
/// The trees are one array of 8-byte nodes in preorder (a node's left child follows it; a leaf holds the whole path
/// length to it), so scoring allocates nothing, and <see cref="ScoreMany"/> walks one tree for a block of rows at a
/// time, while that tree is in the core's cache.
/// </summary>
public sealed class IsolationForest
{
    public const int DefaultSampleSize = 256;

    /// <summary>Features per row at most: a node keeps its feature in 4 bits, and this value marks a leaf.</summary>
    public const int MaxWidth = 15;
    private const int Leaf = 15;

    private const int Block = 256;

    private readonly int[] _roots;
    private readonly Node[] _nodes;
    private readonly double _normaliser; // c(ψ)

    private IsolationForest(int[] roots, Node[] nodes, int sampleSize, int width)
    {
        (_roots, _nodes, SampleSize, Width) = (roots, nodes, sampleSize, width);
        _normaliser = AveragePathLength(sampleSize);
    }

    /// <param name="Value">the split point; for a leaf, its depth + c(rows left in it)</param>
    /// <param name="Link">the split feature (or <see cref="Leaf"/>) in the low 4 bits, the index of the right child above them</param>
    private readonly record struct Node(float Value, int Link)
    {
        public Node(int feature, float value, int right) : this(value, right << 4 | feature) { }

        public int Feature => Link & 0xF;
        public int Right => Link >> 4;
    }

    public int SampleSize { get; }
    public int Width { get; }

    /// <summary>Grows <paramref name="trees"/> trees on subsamples of <paramref name="rows"/> (all of the same width).</summary>
    public static IsolationForest Train(IReadOnlyList<float[]> rows, int trees, int seed, int sampleSize = DefaultSampleSize, int? heightLimit = null)
    {
        if (rows.Count < 2)
            throw new ArgumentException($"an isolation forest needs at least 2 rows, not {rows.Count}", nameof(rows));
        ArgumentOutOfRangeException.ThrowIfLessThan(trees, 1);
        var width = rows[0].Length;
        if (width is < 1 or > MaxWidth || rows.Any(r => r.Length != width))
            throw new ArgumentException($"rows must all have the same 1 to {MaxWidth} features", nameof(rows));
        var psi = Math.Min(sampleSize, rows.Count);
        var limit = heightLimit ?? (int)Math.Ceiling(Math.Log2(psi));
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1, nameof(heightLimit));
        var random = new Random(seed);
        var roots = new int[trees];
        var nodes = new List<Node>();
        var chosen = new HashSet<int>(psi);
        for (var t = 0; t < trees; t++)
        {
            // a subsample without replacement (Floyd's algorithm: psi draws, whatever the number of rows)
            chosen.Clear();
            for (var j = rows.Count - psi; j < rows.Count; j++)
                if (!chosen.Add(random.Next(j + 1)))
                    chosen.Add(j);
            var sample = chosen.Order().ToArray();
            roots[t] = nodes.Count;
            Grow(rows, sample, 0, psi, 0, limit, width, random, nodes);
        }
        return new IsolationForest(roots, [.. nodes], psi, width);
    }

    /// <summary>The anomaly score of one row: near 1 isolated at once, about 0.5 or less for an ordinary row.</summary>
    public double Score(ReadOnlySpan<float> row)
    {
        if (row.Length < Width)
            throw new ArgumentException($"a row of {row.Length} features, the forest splits on {Width}", nameof(row));
        var total = 0.0;
        foreach (var root in _roots)
            total += PathLength(root, row);
        return ScoreOf(total);
    }

    /// <summary>
    /// The scores of <c>scores.Length</c> rows of <see cref="Width"/> features each, laid out one after the other in
    /// <paramref name="rows"/>; the same values as <see cref="Score"/> row by row.
    /// </summary>
    public void ScoreMany(ReadOnlySpan<float> rows, Span<double> scores)
    {
        if (rows.Length != scores.Length * Width)
            throw new ArgumentException($"{scores.Length} rows of {Width} features need {scores.Length * Width} values, not {rows.Length}", nameof(rows));
        scores.Clear();
        var width = Width;
        for (var start = 0; start < scores.Length; start += Block)
        {
            var count = Math.Min(Block, scores.Length - start);
            var block = scores.Slice(start, count);
            var values = rows.Slice(start * width, count * width);
            foreach (var root in _roots)
                for (var i = 0; i < count; i++)
                    block[i] += PathLength(root, values.Slice(i * width, width));
        }
        foreach (ref var score in scores)
            score = ScoreOf(score);
    }

    /// <summary>The path length of a row of at least <see cref="Width"/> features; every node was checked when grown or read.</summary>
    private float PathLength(int root, ReadOnlySpan<float> row)
    {
        ref var nodes = ref MemoryMarshal.GetArrayDataReference(_nodes);
        ref var features = ref MemoryMarshal.GetReference(row);
        var index = root;
        var node = Unsafe.Add(ref nodes, index);
        while (node.Feature != Leaf)
        {
            index = Unsafe.Add(ref features, node.Feature) < node.Value ? index + 1 : node.Right;
            node = Unsafe.Add(ref nodes, index);
        }
        return node.Value;
    }

    private double ScoreOf(double totalPathLength) => Math.Pow(2, -totalPathLength / _roots.Length / _normaliser);

    /// <summary>c(n) = 2H(n−1) − 2(n−1)/n, the mean path length of an unsuccessful search among n keys; c(1) = 0.</summary>
    public static double AveragePathLength(int n) =>
        n <= 1 ? 0 : n == 2 ? 1 : 2 * (Math.Log(n - 1) + 0.5772156649015329) - 2.0 * (n - 1) / n;

    public void WriteTo(BinaryWriter writer)
    {
        writer.Write(Width);
        writer.Write(SampleSize);
        writer.Write(_roots.Length);
        foreach (var root in _roots) writer.Write(root);
        writer.Write(_nodes.Length);
        foreach (var node in _nodes)
        {
            writer.Write(node.Value);
            writer.Write(node.Link);
        }
    }

    /// <summary>Reads what <see cref="WriteTo"/> wrote, checking that every node points inside the forest.</summary>
    public static IsolationForest ReadFrom(BinaryReader reader)
    {
        var (width, sampleSize, trees) = (reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32());
        if (width is < 1 or > MaxWidth || sampleSize < 2 || trees is < 1 or > 100_000)
            throw new InvalidDataException($"not an isolation forest: {trees} trees of {width} features on samples of {sampleSize}");
        var roots = new int[trees];
        for (var i = 0; i < trees; i++) roots[i] = reader.ReadInt32();
        var nodes = reader.ReadInt32();
        if (nodes < trees || nodes > trees * 2 * sampleSize)
            throw new InvalidDataException($"an isolation forest of {trees} trees cannot have {nodes} nodes");
        var forest = new Node[nodes];
        for (var i = 0; i < nodes; i++)
        {
            var node = forest[i] = new Node(reader.ReadSingle(), reader.ReadInt32());
            var broken = node.Feature == Leaf ? !float.IsFinite(node.Value)
                : node.Feature < 0 || node.Feature >= width || node.Right <= i + 1 || node.Right >= nodes;
            if (broken)
                throw new InvalidDataException($"isolation forest node {i} is broken");
        }
        if (roots.Any(r => r < 0 || r >= nodes))
            throw new InvalidDataException("an isolation forest root points outside the forest");
        return new IsolationForest(roots, forest, sampleSize, width);
    }

    private static void Grow(IReadOnlyList<float[]> rows, int[] sample, int start, int count, int depth, int heightLimit, int width, Random random, List<Node> nodes)
    {
        var node = nodes.Count;
        if (depth >= heightLimit || count <= 1 || !TryPickSplit(rows, sample, start, count, width, random, out var split, out var point))
        {
            nodes.Add(new Node(Leaf, (float)(depth + AveragePathLength(count)), 0));
            return;
        }
        nodes.Add(default);
        // partition the node's rows: below the point to the front
        var below = start;
        for (var i = start; i < start + count; i++)
            if (rows[sample[i]][split] < point)
                (sample[below], sample[i]) = (sample[i], sample[below++]);
        Grow(rows, sample, start, below - start, depth + 1, heightLimit, width, random, nodes);
        nodes[node] = new Node(split, point, nodes.Count);
        Grow(rows, sample, below, start + count - below, depth + 1, heightLimit, width, random, nodes);
    }

    /// <summary>A random feature that still varies among the node's rows and a uniform point strictly inside its range.</summary>
    private static bool TryPickSplit(IReadOnlyList<float[]> rows, int[] sample, int start, int count, int width, Random random, out int split, out float point)
    {
        Span<float> low = stackalloc float[width], high = stackalloc float[width];
        low.Fill(float.MaxValue);
        high.Fill(float.MinValue);
        for (var i = start; i < start + count; i++)
        {
            var row = rows[sample[i]];
            for (var f = 0; f < width; f++)
                (low[f], high[f]) = (Math.Min(low[f], row[f]), Math.Max(high[f], row[f]));
        }
        Span<int> varying = stackalloc int[width];
        var n = 0;
        for (var f = 0; f < width; f++)
            if (high[f] > low[f])
                varying[n++] = f;
        (split, point) = (0, 0);
        if (n == 0)
            return false; // every row of the node is the same point: nothing can isolate them
        split = varying[random.Next(n)];
        // rows below the point go left; a point equal to the least value would send none there
        do point = (float)(low[split] + random.NextDouble() * (high[split] - low[split]));
        while (point <= low[split]);
        return true;
    }
}
