using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shipwise.Catalog;
using Shipwise.Core.Compare;
using Shipwise.Search;
using Shipwise.Web;

namespace Shipwise.Compare;

/// <summary>Pick any two tools by name, slug or alias; the answer is a redirect to their compare page (in the order named), or a question when a name meant several tools.</summary>
public sealed class CompareIndexPageModel(ToolNameResolver resolver, ToolCards cards) : PageModel
{
    public string A { get; private set; } = "";

    public string B { get; private set; } = "";

    public List<string> Errors { get; } = [];

    public ComparePicker Picker { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string? a, string? b, CancellationToken cancellationToken)
    {
        A = (a ?? "").Trim();
        B = (b ?? "").Trim();
        ViewData["Meta"] = new PageMeta("Compare any two AI tools", "Pick two AI tools and see which one to ship with.", "/compare");
        var names = await cards.NamesAsync(ComparePicker.MaxNames, cancellationToken);
        Picker = new ComparePicker("compare", A, B, names);
        if (A.Length == 0 || B.Length == 0)
        {
            if (A.Length + B.Length > 0 && Request.Query.ContainsKey("b"))
            {
                Errors.Add(A.Length == 0 ? "Enter the first tool." : "Enter the second tool.");
            }

            return Page();
        }

        var left = await resolver.ResolveAsync(A, cancellationToken);
        var right = await resolver.ResolveAsync(B, cancellationToken);
        Picker = Picker with { AResolution = left, BResolution = right };
        if (left.Problem is { } leftProblem)
        {
            Errors.Add($"The first tool: {leftProblem}");
        }

        if (right.Problem is { } rightProblem)
        {
            Errors.Add($"The second tool: {rightProblem}");
        }

        if (left.Tool is null || right.Tool is null)
        {
            // A question is not an error: the reader picks and sends the form again.
            Response.StatusCode = Errors.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;
            return Page();
        }

        if (left.Tool.Slug == right.Tool.Slug)
        {
            Errors.Add("Both names lead to the same tool. Pick two different tools.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        // The first tool named goes on the left.
        return Redirect(ComparePair.Address(left.Tool.Slug, right.Tool.Slug));
    }
}
