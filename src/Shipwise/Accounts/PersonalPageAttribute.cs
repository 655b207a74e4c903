using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.OutputCaching;

namespace Shipwise.Accounts;

/// <summary>
/// Keeps a page out of the shared output cache even when an anonymous reader asks for it. Every
/// Razor page is cached for anonymous readers (Site), but a page with a form carries an
/// antiforgery token bound to one browser's cookie, and a cached copy would hand that token to
/// everyone. Put it on the page model of any page that renders a form for anonymous readers.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class PersonalPageAttribute : Attribute, IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.HttpContext.Features.Get<IOutputCacheFeature>() is { } cache)
        {
            cache.Context.AllowCacheStorage = false;
        }

        // The same words antiforgery writes, so it has nothing to override (and warn about).
        context.HttpContext.Response.Headers.CacheControl = "no-cache, no-store";
        return next();
    }
}
