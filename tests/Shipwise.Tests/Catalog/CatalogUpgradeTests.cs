using System.Text.Json;
using System.Text.Json.Nodes;
using Shipwise.Core.Catalog;

namespace Shipwise.Tests.Catalog;

/// <summary>Format-1 files and documents become format 2 without losing a fact.</summary>
public class CatalogUpgradeTests
{
    [Fact]
    public void Every_fact_of_the_format_1_demo_catalog_survives_the_upgrade()
    {
        var original = JsonNode.Parse(File.ReadAllText(RepoPaths.FixtureCatalog))!["tools"]!.AsArray().Select(n => n!.AsObject()).ToList();
        var upgraded = TestCatalogs.Read(RepoPaths.FixtureCatalog).Tools.ToDictionary(t => t.Slug);
        Assert.Equal(original.Count, upgraded.Count);
        var benchmarks = 0;
        foreach (var old in original)
        {
            var tool = upgraded[old["slug"]!.GetValue<string>()];
            var now = JsonSerializer.SerializeToNode(tool, CatalogJson.Options)!.AsObject();
            foreach (var (field, value) in old)
            {
                if (field != "facts")
                {
                    Assert.True(JsonNode.DeepEquals(value, now[field]), $"{tool.Slug}.{field} changed");
                }
            }

            foreach (var (fact, value) in old["facts"]!.AsObject())
            {
                if (fact != "benchmarks")
                {
                    Assert.True(JsonNode.DeepEquals(value, now["facts"]![fact]), $"{tool.Slug}.facts.{fact} changed");
                    continue;
                }

                // Each benchmark row is an evaluation with the same figure, source, date, status and note.
                var rows = value!.AsArray();
                Assert.Equal(rows.Count, tool.Facts.Evaluations.Count);
                for (var i = 0; i < rows.Count; i++)
                {
                    var row = rows[i]!.AsObject();
                    var e = tool.Facts.Evaluations[i];
                    Assert.Equal(row["name"]!.GetValue<string>(), Benchmarks.DisplayName(e));
                    Assert.Equal(row["score"]!.GetValue<decimal>(), e.Score);
                    Assert.Equal(row["source"]!.GetValue<string>(), e.Source);
                    Assert.Equal(row["asOf"]!.GetValue<string>(), e.AsOf.ToString("yyyy-MM-dd"));
                    Assert.Equal(row["status"]!.GetValue<string>(), e.Status.ToWire());
                    Assert.Equal(row["note"]?.GetValue<string>(), e.Note);
                    var byVendor = row["author"]!.GetValue<string>() == "vendor";
                    Assert.Equal(byVendor ? EvaluatorRelation.Vendor : EvaluatorRelation.Unknown, e.Relation);
                    Assert.Equal(byVendor, e.Evaluator == tool.Vendor.Name);
                    benchmarks++;
                }
            }
        }

        Assert.True(benchmarks > 20, $"the fixture should exercise the benchmark upgrade; it had {benchmarks} rows");
    }

    [Fact]
    public void A_third_party_row_is_never_upgraded_to_independent()
    {
        var rows = TestCatalogs.Read(RepoPaths.FixtureCatalog).Tools.SelectMany(t => t.Facts.Evaluations).ToList();
        Assert.DoesNotContain(rows, e => e.Relation == EvaluatorRelation.Independent);
        Assert.Contains(rows, e => e.Relation == EvaluatorRelation.Unknown);
    }

    [Fact]
    public void A_stored_format_1_document_is_rewritten_and_a_current_one_is_left_alone()
    {
        var v1 = """{"slug":"x","name":"X","vendor":{"name":"V"},"kind":"service","category":"developer-tools","tagline":"t","facts":{"benchmarks":[{"name":"MMLU-Pro","score":70.5,"author":"vendor","source":"https://example.com/","asOf":"2025-01-01","status":"vendor-claim"}]}}""";
        var upgraded = CatalogUpgrade.UpgradeDocument(v1);
        Assert.NotNull(upgraded);
        var tool = JsonSerializer.Deserialize<Tool>(upgraded, CatalogJson.Options)!;
        Assert.Equal("provider", tool.Kind);
        var e = Assert.Single(tool.Facts.Evaluations);
        Assert.Equal(("mmlu-pro", "percent", "V", EvaluatorRelation.Vendor), (e.Benchmark, e.Unit, e.Evaluator, e.Relation));
        Assert.Null(CatalogUpgrade.UpgradeDocument(upgraded));
    }
}

/// <summary>The one JSON shape for documents: empty lists left out, except a fact whose value is an empty list.</summary>
public class CatalogJsonTests
{
    [Fact]
    public void Empty_lists_are_left_out_but_an_empty_fact_value_round_trips()
    {
        var tool = new Tool
        {
            Slug = "x",
            Name = "X",
            Vendor = new Vendor { Name = "V" },
            Kind = "api",
            Category = "language-models",
            Tagline = "t",
            Facts = new ToolFacts
            {
                DataResidency = new SourcedFact<IReadOnlyList<string>> { Value = [], Source = "https://example.com/", AsOf = new DateOnly(2026, 1, 1), Status = FactStatus.Verified },
            },
        };
        var json = JsonSerializer.Serialize(tool, CatalogJson.Options);
        Assert.DoesNotContain("\"aliases\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"evaluations\"", json, StringComparison.Ordinal);
        Assert.Contains("\"dataResidency\":{\"value\":[]", json, StringComparison.Ordinal);
        Assert.Equal(json, JsonSerializer.Serialize(JsonSerializer.Deserialize<Tool>(json, CatalogJson.Options), CatalogJson.Options));
    }
}
