using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Shipwise.FakeLlm;
using Shipwise.Panel.Llm;

namespace Shipwise.Tests.Llm;

/// <summary>
/// A fake chat server plus an LLM reviewer wired by the real registration (AddLlmReviewer),
/// with short timeouts and backoff so failure paths stay fast.
/// </summary>
public sealed class LlmTestHost : IAsyncDisposable
{
    private readonly IHost _host;

    private LlmTestHost(FakeChatServer server, IHost host)
    {
        Server = server;
        _host = host;
        Reviewer = host.Services.GetRequiredService<LlmReviewer>();
    }

    public FakeChatServer Server { get; }

    public LlmReviewer Reviewer { get; }

    public static async Task<LlmTestHost> StartAsync(IDictionary<string, string?>? settings = null, TimeProvider? time = null)
    {
        var server = await FakeChatServer.StartAsync(TestContext.Current.CancellationToken);
        var all = new Dictionary<string, string?>
        {
            ["Llm:BaseUrl"] = server.BaseUrl,
            ["Llm:Model"] = "test-model",
            ["Llm:TimeoutSeconds"] = "5",
            ["Llm:MaxAttempts"] = "3",
            ["Llm:MaxTransportRetries"] = "2",
            ["Llm:RetryBaseDelaySeconds"] = "0.01",
            ["Llm:MaxRetryDelaySeconds"] = "0.2",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return new LlmTestHost(server, BuildHost(all, time));
    }

    /// <summary>A host with only the LLM reviewer registered, configured from the given settings.</summary>
    public static IHost BuildHost(IDictionary<string, string?> settings, TimeProvider? time = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        builder.AddLlmReviewer();
        return builder.Build();
    }

    public async ValueTask DisposeAsync()
    {
        _host.Dispose();
        await Server.DisposeAsync();
    }
}
