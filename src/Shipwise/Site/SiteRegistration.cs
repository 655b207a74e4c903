using System.Reflection;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;
using Shipwise.Site.Embeds;
using Shipwise.Telemetry;

namespace Shipwise.Site;

/// <summary>The public site: server-rendered pages, cached whole and revalidated with ETags.</summary>
public static class SiteRegistration
{
    public const string CachePolicy = "site";

    /// <summary>The signed-in reader's cookie. Its pages are personal (their votes), so they are neither cached nor given the shared ETag.</summary>
    public const string SessionCookie = "shipwise_session";

    public static bool IsSignedIn(HttpRequest request) => request.Cookies.ContainsKey(SessionCookie);

    /// <summary>Differs per build, so a deploy never serves a page rendered by the old code as "not modified".</summary>
    public static readonly string BuildTag = Assembly.GetExecutingAssembly().ManifestModule.ModuleVersionId.ToString("N")[..8];

    public static IHostApplicationBuilder AddSite(this IHostApplicationBuilder builder)
    {
        builder.AddMetricsSource();
        builder.Services.AddOptions<SiteOptions>()
            .BindConfiguration(SiteOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // Razor encodes for HTML either way; without this it also escapes every non-ASCII letter ("·" becomes "&#xB7;").
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(options =>
            options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.AddRazorPages(options =>
        {
            // Pages live in their feature folders (Catalog/, Compare/, Home/, Panel/, Search/, Site/, Tools/), each with an absolute route.
            options.RootDirectory = "/";
        });
        builder.Services.AddSingleton<SiteChanges>();
        builder.Services.AddHostedService<SiteChangeWatcher>();
        builder.Services.AddSingleton<SiteAssets>();
        builder.Services.AddSingleton<Security.PublicUrls>();
        builder.Services.AddSingleton<SiteSuggestions>();
        builder.Services.AddSingleton<Feeds.SourceFeed>();
        builder.Services.AddOutputCache(options =>
        {
            // Slugs are case-sensitive: /tools/SmolVLM2 redirects, so it must not share /tools/smolvlm2's entry.
            options.UseCaseSensitivePaths = true;
            options.AddPolicy(CachePolicy, policy => policy
                .AddPolicy<SitePagePolicy>()
                .Expire(TimeSpan.FromMinutes(10))
                .Tag(SiteChanges.PagesTag));
        });
        builder.Services.AddOptions<OutputCacheOptions>().Configure<Microsoft.Extensions.Options.IOptions<SiteOptions>>((cache, site) =>
            cache.SizeLimit = site.Value.CacheSizeMegabytes * 1024L * 1024);
        return builder;
    }

    /// <param name="beforeCache">Middleware that must see every page served, from the page cache too (Compare counts its views there).</param>
    public static WebApplication UseSite(this WebApplication app, params Func<HttpContext, Func<Task>, Task>[] beforeCache)
    {
        ArgumentNullException.ThrowIfNull(beforeCache);
        // Pages get an HTML error page (a 404 suggests the nearest tools); the API keeps ProblemDetails.
        app.UseErrorStatusPages();
        // Routing after the status-code pages, so a re-executed /error/{code} request is routed afresh.
        app.UseRouting();
        app.Use(ConditionalGetAsync);
        foreach (var middleware in beforeCache)
        {
            app.Use(middleware);
        }

        app.UseOutputCache();
        return app;
    }

    public static IEndpointRouteBuilder MapSite(this IEndpointRouteBuilder app)
    {
        app.MapRazorPages().CacheOutput(CachePolicy);
        app.MapGet("/assets/{file}", SiteAssets.Serve).ExcludeFromDescription();
        app.MapEmbedsAndFeeds();
        Identity.IdentityEndpoints.MapIdentity(app);
        return app;
    }

    // No scripts run on the site; only the embed card may be framed by other sites.
    private static void SecurityHeaders(HttpContext context)
    {
        var headers = context.Response.Headers;
        var framable = context.Request.Path.StartsWithSegments("/embed");
        headers.ContentSecurityPolicy = $"default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors {(framable ? "*" : "'none'")}";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
    }

    /// <summary>The ETag of every public page: the content version and the build.</summary>
    public static string ETagFor(long version) => $"W/\"{version}-{BuildTag}\"";

    // Answers a matching If-None-Match with 304 before anything renders, and stamps public
    // page responses with the ETag and "revalidate every time" caching.
    private static Task ConditionalGetAsync(HttpContext context, Func<Task> next)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)
            || request.Path.StartsWithSegments("/assets") || request.Path.StartsWithSegments("/healthz"))
        {
            context.Response.OnStarting(() =>
            {
                SecurityHeaders(context);
                return Task.CompletedTask;
            });
            return next();
        }

        if (IsSignedIn(request))
        {
            context.Response.OnStarting(() =>
            {
                SecurityHeaders(context);
                context.Response.Headers.CacheControl = "private, no-cache";
                return Task.CompletedTask;
            });
            return next();
        }

        var changes = context.RequestServices.GetRequiredService<SiteChanges>();
        var etag = ETagFor(changes.Version);
        if (request.Headers.IfNoneMatch.ToString() is { Length: > 0 } ifNoneMatch && ifNoneMatch.Contains(etag, StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            context.Response.Headers.ETag = etag;
            return Task.CompletedTask;
        }

        context.Response.OnStarting(() =>
        {
            var response = context.Response;
            SecurityHeaders(context);
            if (response.StatusCode == StatusCodes.Status200OK && !response.Headers.ContainsKey(HeaderNames.ETag))
            {
                response.Headers.ETag = etag;
                if (!response.Headers.ContainsKey(HeaderNames.CacheControl))
                {
                    response.Headers.CacheControl = "no-cache";
                }
            }

            return Task.CompletedTask;
        });
        return next();
    }
}

/// <summary>
/// Caches anonymous GETs of public pages under the current content version, so a page rendered
/// from data that has since changed is never served again, whichever node rendered it.
/// </summary>
public sealed class SitePagePolicy(SiteChanges changes, Telemetry.ShipwiseMetrics metrics) : IOutputCachePolicy
{
    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var request = context.HttpContext.Request;
        var cacheable = (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && !SiteRegistration.IsSignedIn(request);
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        context.CacheVaryByRules.VaryByValues["v"] = changes.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        metrics.PageCache(hit: true);
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        if (context.AllowCacheLookup)
        {
            metrics.PageCache(hit: false);
        }

        var response = context.HttpContext.Response;
        // Only whole, public answers are kept: no errors, redirects or responses that set cookies.
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0)
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }
}
