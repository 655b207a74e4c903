using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Shipwise.Accounts;
using Shipwise.Security;
using Shipwise.Telemetry;

namespace Shipwise.Community;

/// <summary>Readers' votes, pair picks and "helpful?" answers; the community ranking; rate limits.</summary>
public static class CommunityRegistration
{
    /// <summary>Votes, picks and helpful answers: per account, and per client address (see <see cref="AddRateLimits"/>).</summary>
    public const string VotesPolicy = "votes";

    /// <summary>Sign-in requests, per client address: POST /signin.</summary>
    public const string SignInPolicy = "signin";

    /// <summary>Digest subscription requests, per client address: POST /subscribe.</summary>
    public const string SubscribePolicy = "subscribe";

    public static IHostApplicationBuilder AddCommunity(this IHostApplicationBuilder builder)
    {
        builder.AddMetricsSource();
        builder.Services.AddOptions<CommunityOptions>()
            .BindConfiguration(CommunityOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<CommunityWriter>();
        builder.Services.AddSingleton<CommunityQueries>();
        builder.Services.AddSingleton<CommunityRankings>();
        builder.Services.AddSingleton<VoteVoiding>();
        builder.Services.AddSingleton<CommunityMaturer>();
        builder.Services.AddHostedService(services => services.GetRequiredService<CommunityMaturer>());
        builder.AddRateLimits();
        return builder;
    }

    /// <summary>
    /// The built-in rate limiter with fixed windows from RateLimits:*. A write is checked twice:
    /// the "votes" policy counts per account, and the global limiter counts the same endpoints per
    /// client address, so neither one account from many addresses nor many accounts from one
    /// address gets past. Over a limit: 429 with Retry-After (seconds to the window's end).
    /// </summary>
    public static IHostApplicationBuilder AddRateLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>()
            .BindConfiguration(RateLimitOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((options, settings) =>
        {
            var limits = settings.Value;
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, _) =>
            {
                var http = context.HttpContext;
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
                    ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
                    : (int?)null;
                if (seconds is { } wait)
                {
                    http.Response.Headers.RetryAfter = wait.ToString(CultureInfo.InvariantCulture);
                }

                // Where the site's error page does not take over (the community's form posts), say why in a problem body.
                if (http.GetEndpoint()?.Metadata.GetMetadata<ISkipStatusCodePagesMetadata>() is not null
                    && http.RequestServices.GetService<IProblemDetailsService>() is { } problems)
                {
                    await problems.TryWriteAsync(new ProblemDetailsContext
                    {
                        HttpContext = http,
                        ProblemDetails =
                        {
                            Status = StatusCodes.Status429TooManyRequests,
                            Title = "Too many requests",
                            Detail = seconds is { } s ? $"Try again in {s} seconds." : "Try again later.",
                        },
                    });
                }
            };
            options.AddPolicy(VotesPolicy, context => Reader.AccountId(context.User) is { } account
                ? FixedWindow($"account:{account}", limits.VotesPerAccount)
                : FixedWindow($"ip:{ClientAddress.Of(context)}", limits.VotesPerIp));
            options.AddPolicy(SignInPolicy, context => FixedWindow($"ip:{ClientAddress.Of(context)}", limits.SignInPerIp));
            options.AddPolicy(SubscribePolicy, context => FixedWindow($"ip:{ClientAddress.Of(context)}", limits.SubscribePerIp));
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == VotesPolicy
                    ? FixedWindow($"votes-ip:{ClientAddress.Of(context)}", limits.VotesPerIp)
                    : RateLimitPartition.GetNoLimiter(""));
        });

        // The pages whose form sends mail to an address anyone may type: only the POST is limited, not showing the form.
        builder.Services.Configure<RazorPagesOptions>(options =>
        {
            LimitPosts(options, "/Accounts/SignInPage", SignInPolicy);
            LimitPosts(options, "/Digest/SubscribePage", SubscribePolicy);
        });
        return builder;
    }

    // Gives the page one endpoint per method, so the policy applies to the POST alone.
    private static void LimitPosts(RazorPagesOptions options, string page, string policy) =>
        options.Conventions.AddPageRouteModelConvention(page, model =>
        {
            var get = model.Selectors.Single();
            var post = new SelectorModel(get);
            get.EndpointMetadata.Add(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]));
            post.EndpointMetadata.Add(new HttpMethodMetadata([HttpMethods.Post]));
            post.EndpointMetadata.Add(new EnableRateLimitingAttribute(policy));
            model.Selectors.Add(post);
        });

    /// <summary>The rate limiter: after authentication (app.UseAccounts), so limits can be per account.</summary>
    public static WebApplication UseCommunity(this WebApplication app)
    {
        app.UseRateLimiter();
        return app;
    }

    private static RateLimitPartition<string> FixedWindow(string key, RateLimitRule rule) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = rule.PermitLimit,
            Window = rule.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
}
