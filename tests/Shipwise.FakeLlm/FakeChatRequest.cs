using System.Text.Json;

namespace Shipwise.FakeLlm;

public sealed record FakeMessage(string Role, string Content);

/// <summary>A chat-completions request as the fake server received it, for scripts to decide on and tests to inspect.</summary>
public sealed class FakeChatRequest
{
    /// <summary>The delimiters the Shipwise prompt puts around tool data (LlmPrompt.DataOpen and DataClose).</summary>
    public const string DataOpen = "<untrusted_tool_data>";
    public const string DataClose = "</untrusted_tool_data>";

    public required int Number { get; init; }
    public required string Body { get; init; }
    public required string Model { get; init; }
    public required IReadOnlyList<FakeMessage> Messages { get; init; }
    public double? Temperature { get; init; }

    /// <summary>response_format.type, e.g. "json_object" or "json_schema".</summary>
    public string? ResponseFormat { get; init; }

    /// <summary>response_format.json_schema as sent (name, strict, schema), when the type is "json_schema".</summary>
    public JsonElement? JsonSchema { get; init; }

    /// <summary>The token limit under its older name, read by Ollama, vLLM, llama.cpp and most local servers.</summary>
    public int? MaxTokens { get; init; }

    /// <summary>The token limit under OpenAI's current name, which its reasoning models require.</summary>
    public int? MaxCompletionTokens { get; init; }

    /// <summary>The Authorization header as sent, e.g. "Bearer sk-test".</summary>
    public string? Authorization { get; init; }

    public string SystemMessage => string.Join("\n", Messages.Where(m => m.Role == "system").Select(m => m.Content));

    public string FirstUserMessage => Messages.FirstOrDefault(m => m.Role == "user")?.Content ?? "";

    public string LastUserMessage => Messages.LastOrDefault(m => m.Role == "user")?.Content ?? "";

    /// <summary>The text between the data delimiters of the first user message, or null when they are missing.</summary>
    public string? DataBlock
    {
        get
        {
            var text = FirstUserMessage;
            var open = text.IndexOf(DataOpen, StringComparison.Ordinal);
            var close = text.LastIndexOf(DataClose, StringComparison.Ordinal);
            return open >= 0 && close > open ? text[(open + DataOpen.Length)..close].Trim() : null;
        }
    }

    /// <summary>The "citableFacts" list of the data block: the fact paths an answer may cite.</summary>
    public IReadOnlyList<string> CitableFacts
    {
        get
        {
            if (DataBlock is not { } data)
            {
                return [];
            }

            try
            {
                using var document = JsonDocument.Parse(data);
                return document.RootElement.TryGetProperty("citableFacts", out var paths) && paths.ValueKind == JsonValueKind.Array
                    ? [.. paths.EnumerateArray().Where(p => p.ValueKind == JsonValueKind.String).Select(p => p.GetString()!)]
                    : [];
            }
            catch (JsonException)
            {
                return [];
            }
        }
    }

    /// <summary>True when any user message carries the classic injection phrase, wherever it sits.</summary>
    public bool AsksToIgnoreInstructions =>
        Messages.Any(m => m.Role == "user" && m.Content.Contains("ignore previous instructions", StringComparison.OrdinalIgnoreCase));

    private static int? Integer(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;

    /// <summary>Parses a request body; null with a reason when it is not a valid chat-completions request.</summary>
    public static FakeChatRequest? Parse(int number, string body, string? authorization, out string? problem)
    {
        problem = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problem = "The request body must be a JSON object.";
                return null;
            }

            if (!root.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.String || model.GetString() is not { Length: > 0 } modelName)
            {
                problem = "you must provide a model parameter";
                return null;
            }

            if (!root.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array || messages.GetArrayLength() == 0)
            {
                problem = "'messages' must be a non-empty array";
                return null;
            }

            var parsed = new List<FakeMessage>();
            foreach (var message in messages.EnumerateArray())
            {
                if (message.ValueKind != JsonValueKind.Object
                    || !message.TryGetProperty("role", out var role) || role.GetString() is not ("system" or "user" or "assistant")
                    || !message.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.String)
                {
                    problem = $"Invalid message: {message.GetRawText()}";
                    return null;
                }

                parsed.Add(new FakeMessage(role.GetString()!, content.GetString()!));
            }

            return new FakeChatRequest
            {
                Number = number,
                Body = body,
                Model = modelName,
                Messages = parsed,
                Temperature = root.TryGetProperty("temperature", out var t) && t.ValueKind == JsonValueKind.Number ? t.GetDouble() : null,
                ResponseFormat = root.TryGetProperty("response_format", out var f) && f.ValueKind == JsonValueKind.Object
                    && f.TryGetProperty("type", out var type) ? type.GetString() : null,
                JsonSchema = f.ValueKind == JsonValueKind.Object && f.TryGetProperty("json_schema", out var schema) ? schema.Clone() : null,
                MaxTokens = Integer(root, "max_tokens"),
                MaxCompletionTokens = Integer(root, "max_completion_tokens"),
                Authorization = authorization,
            };
        }
        catch (JsonException e)
        {
            problem = $"We could not parse the JSON body of your request: {e.Message}";
            return null;
        }
    }
}
