using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Shipwise.Tests.Sources;

/// <summary>
/// The catalog sources' real protocols on a loopback socket (Kestrel), serving recorded payloads
/// (tests/fixtures/sources): OpenRouter's GET /api/v1/models, LiteLLM's table file and the Hugging
/// Face Hub's GET /api/models/{org}/{name}. A test edits the payloads, or makes a path fail.
/// </summary>
public sealed class RecordedSourceServer : IAsyncDisposable
{
    public const string LiteLlmPath = "/BerriAI/litellm/main/model_prices_and_context_window.json";
    public const string OpenRouterPath = "/api/v1/models";

    private readonly ConcurrentDictionary<string, string> _bodies = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _failures = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _requests = new();
    private WebApplication? _app;

    private RecordedSourceServer()
    {
    }

    public string BaseUrl { get; private set; } = "";

    public string OpenRouterUrl => BaseUrl + OpenRouterPath;

    public string LiteLlmUrl => BaseUrl + LiteLlmPath;

    /// <summary>Every path asked for, with its query, in order.</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    public static string Fixture(string name) => Path.Combine(RepoPaths.Root, "tests", "fixtures", "sources", name);

    public static async Task<RecordedSourceServer> StartAsync()
    {
        var server = new RecordedSourceServer();
        server.SetOpenRouter(File.ReadAllText(Fixture("openrouter-models.json")));
        server.SetLiteLlm(File.ReadAllText(Fixture("litellm-excerpt.json")));
        foreach (var file in Directory.GetFiles(Fixture("huggingface"), "*.json"))
        {
            var id = Path.GetFileNameWithoutExtension(file).Replace("--", "/", StringComparison.Ordinal);
            server._bodies["/api/models/" + id] = File.ReadAllText(file);
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server._app = app;
        server.BaseUrl = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/');
        return server;
    }

    public void SetOpenRouter(string json) => _bodies[OpenRouterPath] = json;

    public void SetLiteLlm(string json) => _bodies[LiteLlmPath] = json;

    /// <summary>The OpenRouter list with one model's fields changed.</summary>
    public void EditOpenRouter(string id, Action<JsonObject> edit)
    {
        var root = JsonNode.Parse(_bodies[OpenRouterPath])!;
        edit(root["data"]!.AsArray().Single(m => m!["id"]!.GetValue<string>() == id)!.AsObject());
        SetOpenRouter(root.ToJsonString());
    }

    /// <summary>Answers the next requests for <paramref name="path"/> with <paramref name="status"/>.</summary>
    public void Fail(string path, int status) => _failures[path] = status;

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        _requests.Enqueue(path + context.Request.QueryString);
        if (_failures.TryGetValue(path, out var status))
        {
            context.Response.StatusCode = status;
            await context.Response.WriteAsync("failure requested by the test");
            return;
        }

        if (!_bodies.TryGetValue(path, out var body))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"error":"Repository not found"}""");
            return;
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(body));
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
