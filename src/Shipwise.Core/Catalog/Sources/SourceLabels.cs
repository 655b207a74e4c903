namespace Shipwise.Core.Catalog.Sources;

/// <summary>The short name a reader knows a connector's source by, read from a fact's source URL.</summary>
public static class SourceLabels
{
    public const string LiteLlm = "LiteLLM";
    public const string OpenRouter = "OpenRouter";
    public const string HuggingFace = "Hugging Face";

    /// <summary>The connectors' names on the command line and in Catalog:Sources:N:From.</summary>
    public static class Connector
    {
        public const string LiteLlm = "litellm";
        public const string OpenRouter = "openrouter";
        public const string HuggingFace = "huggingface";

        public static readonly IReadOnlyList<string> All = [LiteLlm, OpenRouter, HuggingFace];

        /// <summary>"LiteLLM" for "litellm".</summary>
        public static string Label(string connector) => connector switch
        {
            LiteLlm => SourceLabels.LiteLlm,
            OpenRouter => SourceLabels.OpenRouter,
            HuggingFace => SourceLabels.HuggingFace,
            _ => connector,
        };
    }
}
