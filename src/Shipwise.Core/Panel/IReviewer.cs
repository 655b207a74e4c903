using Shipwise.Core.Catalog;
using Shipwise.Core.Panel.Critics;

namespace Shipwise.Core.Panel;

/// <summary>Anything that can write one critic's review of one tool: the offline evidence reviewer or an LLM.</summary>
public interface IReviewer
{
    /// <summary>"evidence" or "llm"; stored with each review so a page can say how it was written.</summary>
    string Name { get; }

    /// <param name="peers">The tool's category as a snapshot, for reviews that compare it with its peers.</param>
    Task<PanelReview> ReviewAsync(Tool tool, Critic critic, DateOnly asOf, Peers.PeerSnapshot peers, CancellationToken cancellationToken);
}
