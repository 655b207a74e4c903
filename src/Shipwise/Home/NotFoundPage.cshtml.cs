using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shipwise.Search;
using Shipwise.Web;

namespace Shipwise.Home;

/// <summary>Every 404 of the site, with the tools nearest to what the address asked for.</summary>
// The error page is re-executed with the failed request's method: a POST that failed its
// antiforgery check must still get this page, not a second check and an empty 400.
[Microsoft.AspNetCore.Mvc.IgnoreAntiforgeryToken]
public sealed class NotFoundPageModel(ToolSearch search) : PageModel
{
    public string RequestedPath { get; private set; } = "";

    public IReadOnlyList<SearchHit> Suggestions { get; private set; } = [];

    public string Heading { get; private set; } = "";

    public string Explanation { get; private set; } = "";

    public Task OnPostAsync(int code, CancellationToken cancellationToken) => OnGetAsync(code, cancellationToken);

    public async Task OnGetAsync(int code, CancellationToken cancellationToken)
    {
        var feature = HttpContext.Features.Get<IStatusCodeReExecuteFeature>();
        RequestedPath = feature?.OriginalPath ?? Request.Path.Value ?? "";
        Response.StatusCode = code is >= 400 and <= 599 ? code : StatusCodes.Status404NotFound;
        (Heading, Explanation) = Response.StatusCode switch
        {
            404 => ("Page not found", $"There is no page at {RequestedPath}."),
            400 => ("That request was not valid", "Something in the address or the form was not valid. Go back and try again."),
            405 => ("That action is not allowed here", "This address does not accept that kind of request."),
            429 => ("Too many requests", "Please wait a moment before trying again."),
            >= 500 => ("Something went wrong on our side", "The error has been logged. Please try again in a minute."),
            _ => ($"Error {Response.StatusCode}", "The page could not be shown."),
        };
        if (Response.StatusCode != StatusCodes.Status404NotFound)
        {
            ViewData["Meta"] = new PageMeta(Heading, Explanation, RequestedPath) { NoIndex = true };
            return;
        }

        var lastSegment = RequestedPath.TrimEnd('/').Split('/').LastOrDefault() ?? "";
        var words = lastSegment.Replace("-vs-", " ", StringComparison.Ordinal);
        if (words.Length is > 0 and <= 200)
        {
            Suggestions = await search.SuggestAsync(Uri.UnescapeDataString(words), 5, cancellationToken);
        }

        ViewData["Meta"] = new PageMeta(Heading, "This page does not exist on Shipwise.", RequestedPath) { NoIndex = true };
    }
}
