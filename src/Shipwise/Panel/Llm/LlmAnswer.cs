using System.Text.Json;
using System.Text.Json.Nodes;
using Shipwise.Core.Panel;

namespace Shipwise.Panel.Llm;

/// <summary>
/// Reads the model's JSON answer into a review candidate. Every problem is worded for the model,
/// since it is sent back as feedback on the next attempt.
/// </summary>
internal static class LlmAnswer
{
    public const string SchemaName = "shipwise_review";

    /// <summary>
    /// The answer's shape as a JSON schema, sent as the response format so that servers which
    /// constrain decoding (OpenAI in strict mode, vLLM, llama.cpp, Ollama) cannot produce another.
    /// Cited facts are limited to the tool's own paths. The validator still checks everything:
    /// a server may ignore the schema, and it cannot say that the verdict follows the score.
    /// </summary>
    public static JsonElement Schema(IReadOnlyList<string> citableFacts)
    {
        ArgumentNullException.ThrowIfNull(citableFacts);
        var path = new JsonObject { ["type"] = "string" };
        if (citableFacts.Count > 0)
        {
            path["enum"] = new JsonArray([.. citableFacts.Select(p => JsonValue.Create(p))]);
        }

        var schema = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["score"] = new JsonObject
                {
                    ["type"] = new JsonArray("integer", "null"),
                    ["minimum"] = 0,
                    ["maximum"] = 100,
                    ["description"] = "A whole number 0–100; null only with the verdict no-take.",
                },
                ["verdict"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("ship", "skip", "no-take") },
                ["summary"] = new JsonObject { ["type"] = "string", ["maxLength"] = ReviewLimits.MaxSummaryLength },
                ["review"] = new JsonObject { ["type"] = "string", ["minLength"] = ReviewLimits.MinBodyLength, ["maxLength"] = ReviewLimits.MaxBodyLength },
                ["citedFacts"] = new JsonObject { ["type"] = "array", ["items"] = path },
            },
            ["required"] = new JsonArray("score", "verdict", "summary", "review", "citedFacts"),
            ["additionalProperties"] = false,
        };
        return JsonSerializer.SerializeToElement(schema);
    }

    public static (ReviewCandidate? Candidate, IReadOnlyList<string> Problems) Parse(string? content)
    {
        var text = StripCodeFence(content ?? "");
        if (text.Length == 0)
        {
            return (null, ["the answer was empty; send the JSON object"]);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            return (null, [$"the answer is not valid JSON ({e.Message}); send exactly one JSON object"]);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, [$"the answer is a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}, not an object"]);
            }

            var root = document.RootElement;
            var problems = new List<string>();
            var score = ReadScore(root, problems);
            var verdict = ReadVerdict(root, problems);
            var summary = ReadString(root, "summary", problems);
            var review = ReadString(root, "review", problems);
            var cited = ReadCitedFacts(root, problems);
            return problems.Count > 0
                ? (null, problems)
                : (new ReviewCandidate(score, verdict, summary!, review!, cited!), []);
        }
    }

    /// <summary>Some local servers wrap JSON in a Markdown fence even in JSON mode; the fence carries no meaning.</summary>
    private static string StripCodeFence(string content)
    {
        var text = content.Trim();
        if (!text.StartsWith("```", StringComparison.Ordinal))
        {
            return text;
        }

        var firstLineEnd = text.IndexOf('\n', StringComparison.Ordinal);
        var closing = text.LastIndexOf("```", StringComparison.Ordinal);
        return firstLineEnd >= 0 && closing > firstLineEnd ? text[(firstLineEnd + 1)..closing].Trim() : text;
    }

    private static int? ReadScore(JsonElement root, List<string> problems)
    {
        if (!root.TryGetProperty("score", out var score))
        {
            problems.Add("\"score\" is missing; give a whole number 0–100, or null with the verdict \"no-take\"");
            return null;
        }

        switch (score.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.Number when score.TryGetDecimal(out var value) && value == decimal.Truncate(value) && value is >= int.MinValue and <= int.MaxValue:
                return (int)value;
            default:
                problems.Add($"\"score\" must be a whole number 0–100 or null, not {score.GetRawText()}");
                return null;
        }
    }

    private static Verdict ReadVerdict(JsonElement root, List<string> problems)
    {
        if (root.TryGetProperty("verdict", out var element) && element.ValueKind == JsonValueKind.String
            && VerdictText.TryParse(element.GetString()!.Trim().ToLowerInvariant(), out var verdict))
        {
            return verdict;
        }

        problems.Add(element.ValueKind == JsonValueKind.Undefined
            ? "\"verdict\" is missing; use \"ship\", \"skip\" or \"no-take\""
            : $"\"verdict\" must be \"ship\", \"skip\" or \"no-take\", not {element.GetRawText()}");
        return Verdict.NoTake;
    }

    private static string? ReadString(JsonElement root, string name, List<string> problems)
    {
        if (root.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.String)
        {
            return element.GetString()!.Trim();
        }

        problems.Add(element.ValueKind == JsonValueKind.Undefined ? $"\"{name}\" is missing" : $"\"{name}\" must be a string");
        return null;
    }

    private static IReadOnlyList<string>? ReadCitedFacts(JsonElement root, List<string> problems)
    {
        if (!root.TryGetProperty("citedFacts", out var element) || element.ValueKind != JsonValueKind.Array)
        {
            problems.Add("\"citedFacts\" must be an array of fact paths from \"citableFacts\"");
            return null;
        }

        var paths = new List<string>();
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                problems.Add($"\"citedFacts\" must hold only strings, not {item.GetRawText()}");
                return null;
            }

            var path = item.GetString()!.Trim();
            if (!paths.Contains(path, StringComparer.Ordinal))
            {
                paths.Add(path);
            }
        }

        return paths;
    }
}
