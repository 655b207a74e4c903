using System.Net;
using System.Text.RegularExpressions;

namespace Shipwise.Tests.Community;

/// <summary>
/// The vote controls as a reader meets them: real buttons in real forms on the tool and compare
/// pages, posted with the token the page itself rendered, answered with a redirect back (no script needed).
/// </summary>
public abstract partial class CommunityPageTests(CommunityApp app)
{
    [GeneratedRegex("""<form[^>]*action="(?<action>[^"]+)"[^>]*>(?<body>.*?)</form>""", RegexOptions.Singleline)]
    private static partial Regex Form();

    [GeneratedRegex("""<input[^>]*name="(?<name>[^"]+)"[^>]*value="(?<value>[^"]*)"[^>]*>""")]
    private static partial Regex Input();

    [GeneratedRegex("""<button[^>]*name="(?<name>[^"]+)"[^>]*value="(?<value>[^"]*)"[^>]*>(?<label>.*?)</button>""", RegexOptions.Singleline)]
    private static partial Regex Button();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();

    private sealed record PageForm(string Action, Dictionary<string, string> Hidden, List<(string Name, string Value, string Label)> Buttons);

    private static List<PageForm> Forms(string html, string action) => Form().Matches(html)
        .Where(m => m.Groups["action"].Value == action)
        .Select(m => new PageForm(
            action,
            Input().Matches(m.Groups["body"].Value).ToDictionary(i => i.Groups["name"].Value, i => WebUtility.HtmlDecode(i.Groups["value"].Value)),
            Button().Matches(m.Groups["body"].Value)
                .Select(b => (b.Groups["name"].Value, WebUtility.HtmlDecode(b.Groups["value"].Value), WebUtility.HtmlDecode(Tag().Replace(b.Groups["label"].Value, "")).Trim()))
                .ToList()))
        .ToList();

    private async Task<string> PageAsync(TestReader? reader, string path)
    {
        var response = reader is null
            ? await app.Client.GetAsync(path, TestContext.Current.CancellationToken)
            : await app.SendAsync(reader.Get(path));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    // Submits a form as the browser would: its hidden fields (the page's own antiforgery token among them) and the pressed button.
    private async Task<HttpResponseMessage> SubmitAsync(TestReader reader, PageForm form, string buttonLabel)
    {
        var button = form.Buttons.Single(b => b.Label == buttonLabel);
        var fields = form.Hidden.Select(kv => new KeyValuePair<string, string>(kv.Key, kv.Value)).Append(new(button.Name, button.Value));
        return await app.SendAsync(reader.Post(form.Action, fields, withToken: false));
    }

    [Fact]
    public async Task A_signed_out_reader_gets_the_figures_without_buttons()
    {
        // This app has no mail server, so there is no sign-in link either (SignInCallsToActionTests has the other case).
        var html = await PageAsync(null, "/tools/llama-cpp");
        Assert.Contains("Community:", html);
        Assert.DoesNotContain("Sign in to vote", html);
        Assert.Empty(Forms(html, "/votes"));
        Assert.Empty(Forms(html, "/helpful"));
        Assert.DoesNotContain("__RequestVerificationToken", html);
    }

    [Fact]
    public async Task A_reader_votes_with_the_tool_pages_own_buttons_and_comes_back_to_it()
    {
        var reader = await app.SignInAsync();
        var form = Assert.Single(Forms(await PageAsync(reader, "/tools/llama-cpp"), "/votes"));
        Assert.Equal(["Ship it", "Skip it"], form.Buttons.Select(b => b.Label));
        Assert.Equal("llama-cpp", form.Hidden["tool"]);
        Assert.True(form.Hidden.ContainsKey("__RequestVerificationToken"));

        var answer = await SubmitAsync(reader, form, "Ship it");
        Assert.Equal(HttpStatusCode.SeeOther, answer.StatusCode);
        Assert.Equal("/tools/llama-cpp", answer.Headers.Location?.OriginalString);

        var after = await PageAsync(reader, "/tools/llama-cpp");
        Assert.Contains("Your vote: ship", after);
        var again = Assert.Single(Forms(after, "/votes"));
        Assert.Equal(["Ship it", "Skip it", "Withdraw my vote"], again.Buttons.Select(b => b.Label));

        Assert.Equal(HttpStatusCode.SeeOther, (await SubmitAsync(reader, again, "Withdraw my vote")).StatusCode);
        Assert.Contains("You have not voted on", await PageAsync(reader, "/tools/llama-cpp"));
    }

    [Fact]
    public async Task Each_review_asks_whether_it_helped()
    {
        await app.PanelDrainedAsync();
        var reader = await app.SignInAsync();
        var forms = Forms(await PageAsync(reader, "/tools/gpt4all"), "/helpful");
        Assert.NotEmpty(forms);
        var skeptic = forms.Single(f => f.Hidden["critic"] == "skeptic");
        Assert.Equal(["Yes, it helped", "No, it did not help"], skeptic.Buttons.Select(b => b.Label));

        Assert.Equal(HttpStatusCode.SeeOther, (await SubmitAsync(reader, skeptic, "Yes, it helped")).StatusCode);
        Assert.Equal(1, await app.ScalarAsync("SELECT count(*) FROM review_feedback WHERE account_id = @id AND critic_slug = 'skeptic'", new { id = reader.AccountId }));
    }

    [Fact]
    public async Task A_reader_picks_a_side_on_a_compare_page()
    {
        var reader = await app.SignInAsync();
        var form = Assert.Single(Forms(await PageAsync(reader, "/compare/ollama-vs-vllm"), "/picks"));
        Assert.Equal(2, form.Buttons.Count);
        Assert.All(form.Buttons, b => Assert.StartsWith("Ship ", b.Label));
        var vllm = form.Buttons.Single(b => b.Value == "vllm");

        var answer = await SubmitAsync(reader, form, vllm.Label);
        Assert.Equal(HttpStatusCode.SeeOther, answer.StatusCode);
        Assert.Equal("/compare/ollama-vs-vllm", answer.Headers.Location?.OriginalString);
        Assert.Contains($"Your pick: {vllm.Label["Ship ".Length..]}.", await PageAsync(reader, "/compare/ollama-vs-vllm"));
    }
}

public sealed class SqliteCommunityPageTests(SqliteCommunityApp app) : CommunityPageTests(app), IClassFixture<SqliteCommunityApp>;

public sealed class PostgresCommunityPageTests(PostgresCommunityApp app) : CommunityPageTests(app), IClassFixture<PostgresCommunityApp>;
