using Shipwise.Catalog;
using Shipwise.Tests.Panel;

namespace Shipwise.Tests.Catalog;

public sealed class ToolEvidenceTests
{
    private static string CompetitorsLine(IReadOnlyDictionary<string, string> names) =>
        ToolEvidence.Build(SyntheticTools.OpenModel(), names, [], SyntheticTools.Today).Groups
            .SelectMany(g => g.Lines).Single(l => l.Fact == "competitors").Value;

    [Fact]
    public void Competitors_are_named_and_those_outside_the_catalog_are_counted_not_shown_as_slugs()
    {
        Assert.Equal("Rival A, and 1 not in the catalog yet", CompetitorsLine(new Dictionary<string, string> { ["rival-a"] = "Rival A" }));
        Assert.Equal("Rival A, Rival B", CompetitorsLine(new Dictionary<string, string> { ["rival-a"] = "Rival A", ["rival-b"] = "Rival B" }));
        Assert.Equal("2 not in the catalog yet", CompetitorsLine(new Dictionary<string, string>()));
    }
}
