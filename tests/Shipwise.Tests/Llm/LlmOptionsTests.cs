using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Shipwise.Panel.Llm;
using Shipwise.Tests.Panel;

namespace Shipwise.Tests.Llm;

public class LlmOptionsTests
{
    private static Dictionary<string, string?> Valid => new()
    {
        ["Llm:BaseUrl"] = "http://127.0.0.1:11434/v1",
        ["Llm:Model"] = "qwen2.5:7b",
    };

    public static TheoryData<string, string?, string> Invalid => new()
    {
        { "Llm:BaseUrl", "foo", "Llm:BaseUrl 'foo' is not an absolute http(s) URL" },
        { "Llm:BaseUrl", "ftp://models.example/v1", "Llm:BaseUrl 'ftp://models.example/v1' is not an absolute http(s) URL" },
        { "Llm:Model", "", "Llm:Model is required when Llm:BaseUrl is set" },
        { "Llm:Model", null, "Llm:Model is required when Llm:BaseUrl is set" },
        { "Llm:MaxConcurrency", "0", "Llm:MaxConcurrency is 0; it must be 1–256" },
        { "Llm:TimeoutSeconds", "-1", "Llm:TimeoutSeconds is -1" },
        { "Llm:MaxAttempts", "0", "Llm:MaxAttempts is 0; it must be 1–10" },
        { "Llm:MaxTransportRetries", "-1", "Llm:MaxTransportRetries is -1; it must be 0–20" },
        { "Llm:MaxRetryDelaySeconds", "-5", "Llm:MaxRetryDelaySeconds is -5" },
        { "Llm:TimeoutSeconds", "0.001", "Llm:TimeoutSeconds is 0.001; it must be 0.01–3600" },
        { "Llm:MaxResponseBytes", "0", "Llm:MaxResponseBytes is 0; it must be 4096–67108864" },
        { "Llm:MaxResponseBytes", "1073741824", "Llm:MaxResponseBytes is 1073741824; it must be 4096–67108864" },
        { "Llm:MaxOutputTokens", "10", "Llm:MaxOutputTokens is 10; it must be 256–131072" },
        { "Llm:TokenLimitParameter", "max_new_tokens", "Llm:TokenLimitParameter is 'max_new_tokens'; use 'auto', 'max_tokens' or 'max_completion_tokens'" },
        { "Llm:Models:Skeptic Critic", "qwen2.5:7b", "Llm:Models:Skeptic Critic is not keyed by a critic slug" },
        { "Llm:Models:skeptic", " ", "Llm:Models:skeptic is empty" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task A_bad_setting_stops_the_host_at_start_with_a_message_naming_it(string key, string? value, string message)
    {
        var settings = Valid;
        settings[key] = value;
        using var host = LlmTestHost.BuildHost(settings);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_base_url_the_reviewer_is_off_and_says_so_when_asked_to_review()
    {
        using var host = LlmTestHost.BuildHost(new Dictionary<string, string?> { ["Llm:MaxConcurrency"] = "2" });
        await host.StartAsync(TestContext.Current.CancellationToken);
        var reviewer = host.Services.GetRequiredService<LlmReviewer>();

        Assert.False(reviewer.IsConfigured);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            reviewer.ReviewWithDetailsAsync(LlmTestData.Tool("gpt-4o"), PanelCritics.Get("skeptic"), LlmTestData.Today, LlmTestData.Peers(LlmTestData.Tool("gpt-4o")), TestContext.Current.CancellationToken));
        Assert.Contains("Llm:BaseUrl", error.Message, StringComparison.Ordinal);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public void Defaults_match_the_documented_values()
    {
        using var host = LlmTestHost.BuildHost(Valid);
        var options = host.Services.GetRequiredService<IOptions<LlmOptions>>().Value;

        Assert.True(options.IsConfigured);
        Assert.Equal((4, 60.0, 3, 4), (options.MaxConcurrency, options.TimeoutSeconds, options.MaxAttempts, options.MaxTransportRetries));
        Assert.Equal((262_144, 4096, "auto"), (options.MaxResponseBytes, options.MaxOutputTokens, options.TokenLimitParameter));
        Assert.Null(options.ApiKey);
        Assert.Equal("qwen2.5:7b", options.ModelFor("skeptic"));
    }
}
