using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Shipwise.Security;

/// <summary>
/// What every request passes first: the client's real address and scheme from a trusted proxy,
/// the Strict-Transport-Security header, and the limits on request bodies and forms.
/// See docs/security.md for the threat model.
/// </summary>
public static class SecurityRegistration
{
    public static IHostApplicationBuilder AddSecurity(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<NetworkOptions>()
            .BindConfiguration(NetworkOptions.Section)
            .Configure<IConfiguration>((options, configuration) =>
            {
                // One comma-separated value is accepted as well as indexed keys (handier in an environment variable).
                AddListed(options.TrustedProxies, configuration[$"{NetworkOptions.Section}:{nameof(NetworkOptions.TrustedProxies)}"]);
                AddListed(options.TrustedNetworks, configuration[$"{NetworkOptions.Section}:{nameof(NetworkOptions.TrustedNetworks)}"]);
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<SecurityOptions>()
            .BindConfiguration(SecurityOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // Forwarded headers only from the configured proxies. With none configured the middleware
        // reads nothing: an empty KnownProxies/KnownIPNetworks would mean "trust every sender".
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<NetworkOptions>>((forwarded, network) =>
        {
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            forwarded.ForwardLimit = null;
            if (!network.Value.TrustsAnyProxy)
            {
                forwarded.ForwardedHeaders = ForwardedHeaders.None;
                return;
            }

            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in network.Value.Proxies())
            {
                forwarded.KnownProxies.Add(proxy);
            }

            foreach (var range in network.Value.Networks())
            {
                forwarded.KnownIPNetworks.Add(range);
            }
        });
        return builder;
    }

    public static WebApplication UseSecurity(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.Use(StrictTransportSecurity);
        app.Use(FormLimits.GuardAsync);
        return app;
    }

    private static Task StrictTransportSecurity(HttpContext context, Func<Task> next)
    {
        var security = context.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value;
        if (security.HstsEnabled && (context.Request.IsHttps || context.RequestServices.GetRequiredService<PublicUrls>().IsHttps))
        {
            var header = security.HstsHeader();
            context.Response.OnStarting(() =>
            {
                context.Response.Headers.StrictTransportSecurity = header;
                return Task.CompletedTask;
            });
        }

        return next();
    }

    private static void AddListed(List<string> list, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            list.AddRange(value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        }
    }
}
