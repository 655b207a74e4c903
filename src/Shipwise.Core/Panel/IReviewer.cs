using Shipwise.Core.Catalog;
using Shipwise.Core.Panel.Critics;

namespace Shipwise.Core.Panel;

/// <summary>Anything that can write one critic's review of one tool: the offline evidence reviewer or an LLM.</summary>
public interface IReviewer
{
    /// <summary>"evidence" or "llm"; stored with each review so a page can say how it was written.</summary>
    string Name { get; }

    Task<PanelReview> ReviewAsync(Tool tool, Critic critic, DateOnly asOf, CancellationToken cancellationToken);
}
