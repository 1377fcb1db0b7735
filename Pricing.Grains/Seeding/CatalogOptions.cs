namespace Pricing.Seeding;

/// <summary>The shape of a generated SAP-like catalog. Same options and seed, same catalog.</summary>
public sealed record CatalogOptions
{
    public int Skus { get; init; } = 60;
    public int Days { get; init; } = 120;

    /// <summary>Last day of the history; today (UTC) when not given.</summary>
    public DateOnly? EndDate { get; init; }

    public int Seed { get; init; } = 42;
    public int SalesOrgs { get; init; } = 2;
    public int CustomersPerOrg { get; init; } = 5;

    /// <summary>How many (sales org, customer) series each SKU is sold in.</summary>
    public int SeriesPerSku { get; init; } = 4;

    /// <summary>Most competitors watched per SKU (some SKUs have fewer, a few none).</summary>
    public int CompetitorsPerSku { get; init; } = 3;

    public int MaterialGroups { get; init; } = 12;

    /// <summary>Median list price of a SKU (log-normal around it).</summary>
    public double PriceLevel { get; init; } = 40;

    /// <summary>Day-to-day noise of a series' price, in percent (standard deviation).</summary>
    public double PriceNoisePct { get; init; } = 0.4;

    /// <summary>Share of SKUs whose competitors are watched at all.</summary>
    public double CompetitorCoverage { get; init; } = 0.9;

    /// <summary>Longest price spike in days (each lasts 1 to this many).</summary>
    public int SpikeDays { get; init; } = 5;

    /// <summary>Chance per series and day that an irregularity (spike, too-low price, margin collapse, fat finger) starts.</summary>
    public double IrregularityRate { get; init; } = 0.002;

    /// <summary>Chance per SKU and day that a competitor undercut event starts.</summary>
    public double UndercutRate { get; init; } = 0.002;

    /// <summary>Mean length in days of a persistent problem: a too-low price, a cost increase not passed on, an undercut.</summary>
    public int ProblemDays { get; init; } = 30;

    /// <summary>Chance per row that it is written bad (non-positive price, negative cost, wrong currency).</summary>
    public double BadRowRate { get; init; } = 0.002;

    /// <summary>Rows for SKUs that are missing from the material master, per 1,000 SKUs (at least 1 of each table).</summary>
    public int UnknownSkuRowsPerThousandSkus { get; init; } = 5;

    public DateOnly ResolvedEndDate => EndDate ?? DateOnly.FromDateTime(DateTime.UtcNow);
    public DateOnly StartDate => ResolvedEndDate.AddDays(1 - Days);

    /// <summary>Returns the first problem with these options, or null.</summary>
    public string? Validate() =>
        Skus < 1 ? "--skus must be at least 1" :
        Skus > 1_000_000 ? "--skus must be at most 1,000,000" :
        Days < 1 ? "--days must be at least 1" :
        Days > 3_660 ? "--days must be at most 3660" :
        SalesOrgs is < 1 or > 9 ? "--sales-orgs must be between 1 and 9" :
        CustomersPerOrg is < 1 or > 99_999 ? "--customers-per-org must be between 1 and 99999" :
        SeriesPerSku < 1 ? "--series-per-sku must be at least 1" :
        SeriesPerSku > SalesOrgs * CustomersPerOrg ? $"--series-per-sku ({SeriesPerSku}) cannot exceed sales orgs x customers per org ({SalesOrgs * CustomersPerOrg})" :
        CompetitorsPerSku is < 0 or > 12 ? "--competitors must be between 0 and 12" :
        MaterialGroups is < 1 or > 24 ? "--material-groups must be between 1 and 24" :
        ProblemDays is < 1 or > 365 ? "--problem-days must be between 1 and 365" :
        SpikeDays is < 1 or > 60 ? "--spike-days must be between 1 and 60" :
        !(PriceLevel is >= 0.1 and <= 1_000_000) ? "--price-level must be between 0.1 and 1000000" :
        !(PriceNoisePct is >= 0 and <= 20) ? "--price-noise-pct must be between 0 and 20" :
        !(CompetitorCoverage is >= 0 and <= 1) ? "--competitor-coverage must be between 0 and 1" :
        !(IrregularityRate is >= 0 and <= 0.1) ? "--irregularity-rate must be between 0 and 0.1" :
        !(UndercutRate is >= 0 and <= 0.1) ? "--undercut-rate must be between 0 and 0.1" :
        null;
}
