using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Shipwise.Tests.Browser;

/// <summary>
/// What a reader does, in a real browser: follow links, search, use the forms. Each journey
/// runs with JavaScript on and off, since every page works as plain links and GET forms.
/// </summary>
[Collection(nameof(BrowserCollection))]
public sealed partial class JourneyTests(BrowserApp app)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task From_the_latest_verdicts_to_a_tool_a_comparison_and_a_critic(bool javaScript)
    {
        await using var context = await app.NewContextAsync(javaScript);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");

        // Home: the first tool named under "What changed this week, and why".
        var latest = page.GetByRole(AriaRole.Region, new() { Name = "What changed this week, and why" });
        var firstTool = latest.GetByRole(AriaRole.Link).First;
        var toolName = (await firstTool.InnerTextAsync()).Trim();
        Assert.NotEmpty(toolName);
        await firstTool.ClickAsync();

        // Tool page: verdict, seven critic cards, sourced facts, the score chart.
        await Expect(page).ToHaveURLAsync(ToolUrl());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(toolName);
        await Expect(page.Locator(".verdict-headline .verdict")).ToHaveTextAsync(Verdict());
        var cards = page.GetByRole(AriaRole.Region, new() { Name = "What each critic says" }).Locator(".critic-card");
        await Expect(cards).ToHaveCountAsync(7);
        foreach (var card in await cards.AllAsync())
        {
            await Expect(card.GetByRole(AriaRole.Heading, new() { Level = 3 }).GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", CriticUrl());
        }

        var facts = page.GetByRole(AriaRole.Region, new() { Name = "Facts and sources" }).GetByRole(AriaRole.Table);
        Assert.True(await facts.Locator("tbody tr").CountAsync() >= 3, "the facts tables have fewer than 3 rows");
        await Expect(facts.Locator("tbody a[href^='https://']").First).ToBeVisibleAsync();
        await Expect(facts.Locator(".status").First).ToHaveTextAsync(new Regex("^(verified|vendor claim|unverified)$"));
        var chart = page.Locator("svg.chart-score");
        await Expect(chart).ToBeVisibleAsync();
        await Expect(chart).ToHaveAttributeAsync("role", "img");
        Assert.True(await chart.Locator("rect.chart-bar").CountAsync() >= 1, "the score chart has no bars");

        // A comparison with another tool.
        await page.GetByRole(AriaRole.Main).Locator("a[href^='/compare/']").First.ClickAsync();
        await Expect(page).ToHaveURLAsync(CompareUrl());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(toolName);
        var answers = page.GetByRole(AriaRole.Region, new() { Name = "The answer" }).Locator("li");
        Assert.True(await answers.CountAsync() >= 1, "the compare page gives no answer");
        await Expect(answers.Last.Locator(".pick")).Not.ToBeEmptyAsync();
        var decision = page.GetByRole(AriaRole.Region, new() { Name = "Decision table" }).GetByRole(AriaRole.Table);
        await Expect(decision.GetByRole(AriaRole.Rowheader, new() { Name = "Panel verdict" })).ToBeVisibleAsync();
        var scorecard = page.GetByRole(AriaRole.Region, new() { Name = "Reviewer scorecard" });
        await Expect(scorecard.Locator("svg.chart-compare")).ToBeVisibleAsync();
        await Expect(scorecard.GetByRole(AriaRole.Table).Locator("tbody tr")).ToHaveCountAsync(7);

        // A critic from the scorecard, then its category filter.
        await scorecard.GetByRole(AriaRole.Link, new() { Name = "Skeptic", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/critics/skeptic$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Skeptic");
        await Expect(page.Locator("main .lede")).ToHaveTextAsync(new Regex("^“.{10,}”$"));
        var verdicts = page.GetByRole(AriaRole.Region, new() { Name = "Verdicts by category" });
        await Expect(verdicts).ToBeVisibleAsync();
        await verdicts.GetByLabel("Show verdicts in").SelectOptionAsync(new SelectOptionValue { Label = "Language models" });
        await verdicts.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/critics/skeptic\\?category=language-models$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Skeptic on language models" })).ToBeVisibleAsync();
        var rows = page.GetByRole(AriaRole.Region, new() { Name = "Verdicts by category" }).GetByRole(AriaRole.Table).Locator("tbody tr");
        Assert.True(await rows.CountAsync() >= 5, "the language-model verdicts table has fewer than 5 rows");
        await Expect(rows.GetByRole(AriaRole.Link, new() { Name = "Mistral Small 3.1", Exact = true })).ToBeVisibleAsync();
        await Expect(rows.GetByRole(AriaRole.Link, new() { Name = "SmolVLM2", Exact = true })).ToHaveCountAsync(0);
        await Expect(verdicts.GetByLabel("Show verdicts in")).ToHaveValueAsync("language-models");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_misspelt_search_from_the_header_finds_the_tools_and_leads_to_one(bool javaScript)
    {
        await using var context = await app.NewContextAsync(javaScript);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");

        var box = page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Searchbox, new() { Name = "Search tools" });
        await box.FillAsync("mistal small");
        await box.PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(new Regex("/search\\?q=mistal(\\+|%20)small$"));
        var main = page.GetByRole(AriaRole.Main);
        await Expect(main.GetByRole(AriaRole.Link, new() { Name = "Mistral Small 3", Exact = true })).ToBeVisibleAsync();
        var wanted = main.GetByRole(AriaRole.Link, new() { Name = "Mistral Small 3.1", Exact = true });
        await Expect(wanted).ToBeVisibleAsync();
        await wanted.ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/tools/mistral-small-3-1$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Mistral Small 3.1");
        await Expect(page.Locator(".verdict-headline .verdict")).ToHaveTextAsync(Verdict());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_compare_form_takes_loose_names_to_the_comparison_in_the_order_typed(bool javaScript)
    {
        await using var context = await app.NewContextAsync(javaScript);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/compare");

        await page.GetByLabel("First tool").FillAsync("smolvlm");
        await page.GetByLabel("Second tool").FillAsync("mistral small 3.1");
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Compare" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(app.BaseUrl + "/compare/smolvlm2-vs-mistral-small-3-1");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("SmolVLM2 vs Mistral Small 3.1");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "The answer" }).Locator("li").First).ToBeVisibleAsync();
    }

    [GeneratedRegex("/tools/[a-z0-9-]+$")]
    private static partial Regex ToolUrl();

    [GeneratedRegex("^/critics/[a-z]+$")]
    private static partial Regex CriticUrl();

    [GeneratedRegex("/compare/[a-z0-9-]+-vs-[a-z0-9-]+$")]
    private static partial Regex CompareUrl();

    [GeneratedRegex("^(Ship|Skip|No verdict)\\b")]
    private static partial Regex Verdict();
}
