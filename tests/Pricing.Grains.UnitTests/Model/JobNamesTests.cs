using Pricing.Model;

namespace Pricing.Tests.Model;

public sealed class JobNamesTests
{
    [Fact]
    public void The_stored_names_are_the_ones_the_api_shows()
    {
        Assert.Equal(["manual", "nightly", "recompute_sku"], JobNames.Names<JobKind>());
        Assert.Equal(["INCREMENTAL", "FULL"], JobNames.Names<JobMode>());
        Assert.Equal(["features", "train", "score", "finish", "done"], JobNames.Names<JobStage>());
        Assert.Equal(["QUEUED", "RUNNING", "SUCCEEDED", "FAILED"], JobNames.Names<JobStatus>());
    }

    [Fact]
    public void Every_name_reads_back_as_its_value()
    {
        Assert.All(Enum.GetValues<JobKind>(), k => Assert.Equal(k, JobNames.Parse<JobKind>(k.Name())));
        Assert.All(Enum.GetValues<JobMode>(), m => Assert.Equal(m, JobNames.Parse<JobMode>(m.Name())));
        Assert.All(Enum.GetValues<JobStage>(), s => Assert.Equal(s, JobNames.Parse<JobStage>(s.Name())));
        Assert.All(Enum.GetValues<JobStatus>(), s => Assert.Equal(s, JobNames.Parse<JobStatus>(s.Name())));
    }

    [Theory]
    [InlineData("full")]        // names are exact: the mode is stored in upper case
    [InlineData("Recompute")]
    [InlineData("")]
    public void An_unknown_name_is_an_error_naming_the_allowed_ones(string name)
    {
        var error = Assert.Throws<PricingException>(() => JobNames.Parse<JobMode>(name));

        Assert.Equal($"'{name}' is not a JobMode: one of INCREMENTAL, FULL", error.Message);
        Assert.False(JobNames.TryParse<JobKind>(name, out _));
    }
}
