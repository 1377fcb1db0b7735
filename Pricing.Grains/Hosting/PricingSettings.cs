using System.Globalization;
using Microsoft.Extensions.Configuration;
using Pricing.Model;
using Pricing.Storage;

namespace Pricing.Hosting;

public enum ClusteringKind { Localhost, AdoNet }

/// <summary>The configuration (docs/operators.md, Configuration), read and validated once at start.</summary>
public sealed record PricingSettings(
    DatabaseKind Database,
    string SourceConnectionString,
    string AnalyticsConnectionString,
    bool SeedDemoData,
    ClusteringKind Clustering,
    RuleBook Rules,
    Pipeline.PipelineOptions Pipeline,
    Scoring.ScoringOptions Scoring,
    bool Warmup = true)
{
    public const string DatabaseKey = "Pricing:Database";
    public const string SourceKey = "ConnectionStrings:Source";
    public const string AnalyticsKey = "ConnectionStrings:Analytics";
    public const string SeedDemoDataKey = "Pricing:SeedDemoData";
    public const string ClusteringKey = "Orleans:Clustering";
    public const string RulesSection = "Pricing:Rules";
    public const string WarmupKey = "Pricing:Warmup";
    public const string ReportingCurrencyKey = "Pricing:ReportingCurrency";
    public const string IncidentGapDaysKey = "Pricing:Incidents:GapDays";
    public const string InitialPasswordsFileKey = "Pricing:InitialPasswordsFile";

    /// <summary>
    /// Where the embedded default writes the passwords of the users it makes on first start: next to the analytics
    /// SQLite file unless configured.
    /// </summary>
    public string InitialPasswordsFile { get; init; } = "data/initial-passwords.txt";

    public Alerts.AlertOptions Alerts { get; init; } = new();

    /// <summary>Reads and validates; throws <see cref="PricingConfigurationException"/> naming the first bad key.</summary>
    public static PricingSettings Read(IConfiguration configuration)
    {
        var database = ParseEnum<DatabaseKind>(configuration, DatabaseKey, DatabaseKind.Sqlite);
        var clustering = ParseEnum<ClusteringKind>(configuration, ClusteringKey, ClusteringKind.Localhost);
        if (clustering == ClusteringKind.AdoNet && database != DatabaseKind.MySql)
            throw new PricingConfigurationException(ClusteringKey, $"AdoNet clustering keeps its tables in the analytics database, so it needs {DatabaseKey}=MySql (it is {database})");

        var rules = new RuleThresholds(
            ParseDouble(configuration, $"{RulesSection}:NegativeMarginPct", RuleThresholds.Default.NegativeMarginPct),
            ParseDouble(configuration, $"{RulesSection}:LowMarginPct", RuleThresholds.Default.LowMarginPct),
            ParseDouble(configuration, $"{RulesSection}:PriceSpikePct", RuleThresholds.Default.PriceSpikePct),
            ParseDouble(configuration, $"{RulesSection}:CompetitorUndercutPct", RuleThresholds.Default.CompetitorUndercutPct));
        if (rules.Validate() is { } problem)
            throw new PricingConfigurationException(RulesSection, problem);
        var groups = new Dictionary<string, RuleThresholds>(StringComparer.Ordinal);
        foreach (var group in configuration.GetSection($"{RulesSection}:Groups").GetChildren())
        {
            var key = $"{RulesSection}:Groups:{group.Key}";
            var overridden = new RuleThresholds(
                ParseDouble(configuration, $"{key}:NegativeMarginPct", rules.NegativeMarginPct),
                ParseDouble(configuration, $"{key}:LowMarginPct", rules.LowMarginPct),
                ParseDouble(configuration, $"{key}:PriceSpikePct", rules.PriceSpikePct),
                ParseDouble(configuration, $"{key}:CompetitorUndercutPct", rules.CompetitorUndercutPct));
            groups[group.Key] = overridden.Validate() is { } groupProblem ? throw new PricingConfigurationException(key, groupProblem) : overridden;
        }

        return new PricingSettings(
            database,
            ConnectionString(configuration, SourceKey, database, "data/source.db"),
            ConnectionString(configuration, AnalyticsKey, database, "data/analytics.db"),
            ParseBool(configuration, SeedDemoDataKey, true),
            clustering,
            new RuleBook(rules, groups),
            ReadPipeline(configuration),
            ReadScoring(configuration),
            ParseBool(configuration, WarmupKey, true))
        {
            InitialPasswordsFile = configuration[InitialPasswordsFileKey] is { Length: > 0 } file ? file : DefaultPasswordsFile(database, configuration),
            Alerts = ReadAlerts(configuration),
        };
    }

    private static string DefaultPasswordsFile(DatabaseKind database, IConfiguration configuration) =>
        database == DatabaseKind.Sqlite && configuration[AnalyticsKey] is { Length: > 0 } analytics
            && Path.GetDirectoryName(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(analytics).DataSource) is { Length: > 0 } folder
            ? Path.Combine(folder, "initial-passwords.txt")
            : "data/initial-passwords.txt";

    public SqlDatabase OpenSource(Microsoft.Extensions.Logging.ILogger? logger = null) => Create(SourceConnectionString, SourceKey, logger);

    public SqlDatabase OpenAnalytics(Microsoft.Extensions.Logging.ILogger? logger = null) => Create(AnalyticsConnectionString, AnalyticsKey, logger);

    private SqlDatabase Create(string connectionString, string key, Microsoft.Extensions.Logging.ILogger? logger)
    {
        try
        {
            return Database == DatabaseKind.Sqlite ? new SqliteDatabase(connectionString, key, logger) : new MySqlDatabase(connectionString, key, logger);
        }
        catch (ArgumentException e)
        {
            throw new PricingConfigurationException(key, $"not a valid {Database} connection string ({e.Message})", e);
        }
    }

    private static Pipeline.PipelineOptions ReadPipeline(IConfiguration configuration)
    {
        const string section = "Pricing:Pipeline";
        var defaults = new Pipeline.PipelineOptions();
        var at = configuration[$"{section}:NightlyAt"];
        var zone = configuration[$"{section}:TimeZone"];
        TimeZoneInfo? timeZone = null;
        if (!string.IsNullOrWhiteSpace(zone) && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out timeZone))
            throw new PricingConfigurationException($"{section}:TimeZone", $"'{zone}' is not a time zone this machine knows (use an IANA name such as Europe/Berlin)");
        var batchSize = (int)ParseAtLeast(configuration, $"{section}:BatchSize", defaults.BatchSize, 1, wholeNumber: true);
        var incrementalBatchSize = (int)ParseAtLeast(configuration, $"{section}:IncrementalBatchSize", defaults.IncrementalBatchSize, 1, wholeNumber: true);
        var parallelism = (int)ParseAtLeast(configuration, $"{section}:Parallelism", defaults.Parallelism, 1, wholeNumber: true);
        var tickSeconds = ParseAtLeast(configuration, $"{section}:TickSeconds", defaults.TickPeriod.TotalSeconds, 1);
        var overlapSeconds = ParseAtLeast(configuration, $"{section}:WatermarkOverlapSeconds", defaults.WatermarkOverlap.TotalSeconds, 0);
        var gapDays = (int)ParseAtLeast(configuration, IncidentGapDaysKey, defaults.IncidentGapDays, 1, wholeNumber: true);
        var reporting = configuration[ReportingCurrencyKey];
        if (!string.IsNullOrWhiteSpace(reporting) && !System.Text.RegularExpressions.Regex.IsMatch(reporting, "^[A-Z]{3}$"))
            throw new PricingConfigurationException(ReportingCurrencyKey, $"'{reporting}' is not a currency code of three capital letters such as EUR");
        return defaults with
        {
            NightlyAt = string.IsNullOrWhiteSpace(at) ? defaults.NightlyAt
                : TimeOnly.TryParseExact(at, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t
                : throw new PricingConfigurationException($"{section}:NightlyAt", $"'{at}' is not a time of day as HH:mm"),
            TimeZone = timeZone ?? defaults.TimeZone,
            BatchSize = batchSize,
            IncrementalBatchSize = incrementalBatchSize,
            Parallelism = parallelism,
            TickPeriod = TimeSpan.FromSeconds(tickSeconds),
            WatermarkOverlap = TimeSpan.FromSeconds(overlapSeconds),
            ReportingCurrency = string.IsNullOrWhiteSpace(reporting) ? defaults.ReportingCurrency : reporting,
            IncidentGapDays = gapDays,
        };
    }

    private static Alerts.AlertOptions ReadAlerts(IConfiguration configuration)
    {
        const string section = "Pricing:Alerts", smtp = "Pricing:Smtp";
        var defaults = new Alerts.AlertOptions();
        var link = configuration[$"{section}:LinkBase"];
        if (!string.IsNullOrWhiteSpace(link) && !(Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            throw new PricingConfigurationException($"{section}:LinkBase", $"'{link}' is not an http(s) URL such as https://pricing.example.com");
        var security = configuration[$"{smtp}:Security"];
        if (!string.IsNullOrWhiteSpace(security) && security.ToUpperInvariant() is not ("AUTO" or "TLS" or "NONE"))
            throw new PricingConfigurationException($"{smtp}:Security", $"'{security}' is not one of Auto, Tls, None");
        var reporting = configuration[ReportingCurrencyKey];
        return defaults with
        {
            DigestSize = (int)ParseAtLeast(configuration, $"{section}:DigestSize", defaults.DigestSize, 1, wholeNumber: true),
            MaxAttempts = (int)ParseAtLeast(configuration, $"{section}:MaxAttempts", defaults.MaxAttempts, 1, wholeNumber: true),
            FirstRetry = TimeSpan.FromSeconds(ParseAtLeast(configuration, $"{section}:FirstRetrySeconds", defaults.FirstRetry.TotalSeconds, 0)),
            LinkBase = string.IsNullOrWhiteSpace(link) ? defaults.LinkBase : link,
            ReportingCurrency = string.IsNullOrWhiteSpace(reporting) ? defaults.ReportingCurrency : reporting,
            Smtp = new Alerts.SmtpOptions
            {
                Host = configuration[$"{smtp}:Host"] is { Length: > 0 } host ? host : null,
                Port = (int)ParseAtLeast(configuration, $"{smtp}:Port", defaults.Smtp.Port, 1, wholeNumber: true),
                User = configuration[$"{smtp}:User"] is { Length: > 0 } user ? user : null,
                Password = configuration[$"{smtp}:Password"],
                From = configuration[$"{smtp}:From"] is { Length: > 0 } from ? from : defaults.Smtp.From,
                Security = string.IsNullOrWhiteSpace(security) ? defaults.Smtp.Security : security,
            },
        };
    }

    private static Scoring.ScoringOptions ReadScoring(IConfiguration configuration)
    {
        const string section = "Pricing:Scoring";
        var defaults = new Scoring.ScoringOptions();
        var every = configuration[$"{section}:RetrainEvery"];
        var trainingDays = (int)ParseAtLeast(configuration, $"{section}:TrainingDays", defaults.TrainingDays, 1, wholeNumber: true);
        var maxRows = (int)ParseAtLeast(configuration, $"{section}:MaxTrainingRows", defaults.MaxTrainingRows, 100, wholeNumber: true);
        return defaults with
        {
            RetrainEvery = string.IsNullOrWhiteSpace(every) ? defaults.RetrainEvery
                : TimeSpan.TryParse(every, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero ? span
                : throw new PricingConfigurationException($"{section}:RetrainEvery", $"'{every}' is not a positive time span such as 7.00:00:00"),
            TrainingDays = trainingDays,
            MaxTrainingRows = maxRows,
        };
    }

    private static string ConnectionString(IConfiguration configuration, string key, DatabaseKind database, string defaultFile)
    {
        var value = configuration[key];
        if (!string.IsNullOrWhiteSpace(value))
            return value;
        return database == DatabaseKind.Sqlite
            ? $"Data Source={defaultFile}"
            : throw new PricingConfigurationException(key, $"is required when {DatabaseKey} is MySql (e.g. Server=127.0.0.1;Port=3306;Database=pricing;User=pricing;Password=...)");
    }

    private static T ParseEnum<T>(IConfiguration configuration, string key, T fallback) where T : struct, Enum
    {
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
            return fallback;
        return Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw new PricingConfigurationException(key, $"'{value}' is not one of {string.Join(", ", Enum.GetNames<T>())}");
    }

    private static double ParseDouble(IConfiguration configuration, string key, double fallback)
    {
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
            return fallback;
        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && double.IsFinite(parsed)
            ? parsed
            : throw new PricingConfigurationException(key, $"'{value}' is not a number");
    }

    /// <summary>A number no lower than <paramref name="minimum"/>; the error names the value and the range.</summary>
    private static double ParseAtLeast(IConfiguration configuration, string key, double fallback, double minimum, bool wholeNumber = false)
    {
        var value = ParseDouble(configuration, key, fallback);
        return value >= minimum && (!wholeNumber || value == Math.Floor(value))
            ? value
            : throw new PricingConfigurationException(key, $"'{configuration[key]}' is out of range: {(wholeNumber ? "a whole number" : "a number")} of at least {minimum}");
    }

    private static bool ParseBool(IConfiguration configuration, string key, bool fallback)
    {
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
            return fallback;
        return bool.TryParse(value, out var parsed) ? parsed : throw new PricingConfigurationException(key, $"'{value}' is not true or false");
    }
}
