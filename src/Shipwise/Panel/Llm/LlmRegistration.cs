using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenAI;
using Shipwise.Telemetry;

namespace Shipwise.Panel.Llm;

public static class LlmRegistration
{
    /// <summary>
    /// Options (section "Llm", checked at start), the resilience pipeline, the named HttpClient that
    /// runs through it, the <see cref="IChatClient"/> on top and the reviewer, all singletons, so the
    /// concurrency limit covers every review in the process.
    /// </summary>
    public static IHostApplicationBuilder AddLlmReviewer(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddMetricsSource();
        builder.Services.AddOptions<LlmOptions>()
            .BindConfiguration(LlmOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<LlmResilience>();

        // The pipeline owns the per-request timeout (Llm:TimeoutSeconds), so HttpClient's must not fire first.
        // One long-lived client: connections are recycled instead of handlers, so DNS changes are still seen.
        builder.Services.AddHttpClient(LlmReviewer.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .UseSocketsHttpHandler((handler, _) => handler.PooledConnectionLifetime = TimeSpan.FromMinutes(5))
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .AddHttpMessageHandler(services => new LlmHttpHandler(services.GetRequiredService<LlmResilience>()));
        builder.Services.AddKeyedChatClient(LlmReviewer.ChatClientKey, CreateChatClient);
        builder.Services.AddSingleton<LlmReviewer>();
        return builder;
    }

    /// <summary>
    /// OpenAI's client on our HttpClient, with its own retries and network timeout off: the
    /// pipeline under it decides both. The model is chosen per request (Llm:Models).
    /// </summary>
    private static IChatClient CreateChatClient(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<LlmOptions>>().Value;
        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient(LlmReviewer.HttpClientName);
        var client = new OpenAIClientOptions
        {
            Endpoint = options.IsConfigured ? new Uri(options.BaseUrl!) : null,
            Transport = new HttpClientPipelineTransport(http),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = Timeout.InfiniteTimeSpan,
        };
        AuthenticationPolicy authentication = string.IsNullOrWhiteSpace(options.ApiKey)
            ? new NoAuthentication()
            : ApiKeyAuthenticationPolicy.CreateBearerAuthorizationPolicy(new ApiKeyCredential(options.ApiKey));
        // Every request names its model (ChatOptions.ModelId); this is only the client's default, and the
        // library refuses an empty one, which an unconfigured reviewer (Llm:BaseUrl unset) has.
        var defaultModel = string.IsNullOrWhiteSpace(options.Model) ? "unset" : options.Model;
#pragma warning disable OPENAI001 // The only constructor that lets a local server go without an Authorization header.
        return new OpenAIClient(authentication, client).GetChatClient(defaultModel).AsIChatClient();
#pragma warning restore OPENAI001
    }

    /// <summary>Local servers (Ollama, llama.cpp) need no key, and none is sent.</summary>
    private sealed class NoAuthentication : AuthenticationPolicy
    {
        public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex) =>
            ProcessNext(message, pipeline, currentIndex);

        public override ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex) =>
            ProcessNextAsync(message, pipeline, currentIndex);
    }
}
