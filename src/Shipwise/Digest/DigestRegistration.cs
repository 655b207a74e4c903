using Shipwise.Accounts;
using Shipwise.Mail;

namespace Shipwise.Digest;

/// <summary>The weekly digest: double opt-in subscriptions, one-click unsubscribe, the idempotent send and its schedule.</summary>
public static class DigestRegistration
{
    public static IHostApplicationBuilder AddDigest(this IHostApplicationBuilder builder)
    {
        builder.AddMail();

        // The digest's links are signed with the key ring every node (and the CLI, which mails the digest) shares,
        // and built from Shipwise:PublicUrl: a mail has no request to take the host from.
        builder.AddDatabaseKeyRing();
        builder.AddMailLinks();
        builder.Services.AddOptions<DigestOptions>()
            .BindConfiguration(DigestOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<SubscriptionTokens>();
        builder.Services.AddSingleton<SubscriberStore>();
        builder.Services.AddSingleton<DigestStore>();
        builder.Services.AddSingleton<DigestComposer>();
        builder.Services.AddSingleton<DigestSender>();

        // Only runs where the host is started (`serve`); CLI commands build the host without starting it.
        builder.Services.AddHostedService<DigestScheduler>();
        return builder;
    }

    /// <summary>The pages are Razor Pages (/subscribe, /subscribe/confirm, /unsubscribe, /operator/digest); this adds the operator's plain-text preview.</summary>
    public static IEndpointRouteBuilder MapDigest(this IEndpointRouteBuilder app)
    {
        app.MapGet("/operator/digest.txt", PreviewTextAsync)
            .RequireAuthorization(Reader.OperatorPolicy)
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>The plain-text part of the digest a send would mail now, as a reader would get it (with a sample unsubscribe link).</summary>
    public static async Task<IResult> PreviewTextAsync(DigestSender sender, Security.PublicUrls urls, HttpContext context, CancellationToken cancellationToken)
    {
        var content = await sender.PreviewAsync(cancellationToken);
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Text(DigestMail.Text(content, DigestPreviewPageModel.SampleLinks(urls, context.Request)), "text/plain; charset=utf-8");
    }
}
