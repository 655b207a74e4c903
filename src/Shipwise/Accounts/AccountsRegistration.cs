using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Shipwise.Mail;
using Shipwise.Site;

namespace Shipwise.Accounts;

/// <summary>Readers' accounts: passwordless sign-in by mail, sessions, bookmarks, privacy export, the operator role.</summary>
public static class AccountsRegistration
{
    public static IHostApplicationBuilder AddAccounts(this IHostApplicationBuilder builder)
    {
        builder.AddDatabaseKeyRing();
        builder.AddMailLinks();
        if (!builder.Services.Any(d => d.ServiceType == typeof(MailSender)))
        {
            builder.AddMail();
        }

        builder.Services.AddOptions<AccountOptions>()
            .BindConfiguration(AccountOptions.Section)
            .Configure<IConfiguration>((options, configuration) => options.Operators =
                configuration.GetSection("Shipwise:Operators").Get<string[]>()?.Select(EmailAddress.Normalize).ToList() ?? [])
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddSingleton<AccountStore>();
        builder.Services.AddSingleton<Sessions>();
        builder.Services.AddSingleton<SignInLinks>();
        builder.Services.AddSingleton<SignInAvailability>();
        builder.Services.AddSingleton<BookmarkQueries>();
        builder.Services.AddSingleton<AccountExport>();

        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = SiteRegistration.SessionCookie;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.Cookie.IsEssential = true;
                options.SlidingExpiration = true;
                options.LoginPath = "/signin";
                options.LogoutPath = "/signout";
                options.ReturnUrlParameter = "returnUrl";
                options.Events.OnValidatePrincipal = context => context.HttpContext.RequestServices.GetRequiredService<Sessions>().ValidateAsync(context);
                options.Events.OnRedirectToLogin = context => Refuse(context, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context => Refuse(context, StatusCodes.Status403Forbidden);
            });
        builder.Services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<AccountOptions>>((cookie, accounts) => cookie.ExpireTimeSpan = TimeSpan.FromDays(accounts.Value.SessionDays));
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Reader.OperatorPolicy, policy => policy.RequireAuthenticatedUser().RequireRole(Reader.OperatorRole));
        builder.Services.AddAntiforgery();

        // POST /signin is rate limited per client address with the other limits (CommunityRegistration.AddRateLimits).
        return builder;
    }

    /// <summary>
    /// The Data Protection key ring in the database, shared by every node (and by the CLI, if a
    /// command protects anything). Idempotent, so another feature may call it too.
    /// </summary>
    public static IHostApplicationBuilder AddDatabaseKeyRing(this IHostApplicationBuilder builder)
    {
        if (builder.Services.Any(d => d.ServiceType == typeof(DatabaseKeyRepository)))
        {
            return builder;
        }

        builder.Services.AddSingleton<DatabaseKeyRepository>();
        builder.Services.AddDataProtection().SetApplicationName("Shipwise");
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(services =>
            new ConfigureOptions<KeyManagementOptions>(options => options.XmlRepository = services.GetRequiredService<DatabaseKeyRepository>()));
        return builder;
    }

    /// <summary>Shipwise:PublicUrl for links in mail, checked at start. Idempotent, so the digest may call it too.</summary>
    public static IHostApplicationBuilder AddMailLinks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<MailLinkOptions>().BindConfiguration("Shipwise").ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MailLinkOptions>, MailLinkOptionsValidator>());
        builder.Services.TryAddSingleton<MailLinks>();
        return builder;
    }

    public static WebApplication UseAccounts(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();

        // After authentication: a form token is bound to the signed-in reader, so it can only be checked once the reader is known.
        app.UseAntiforgery();
        return app;
    }

    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        app.MapGet("/account/export", AccountEndpoints.ExportAsync)
            .RequireAuthorization()
            .WithName("AccountExport")
            .WithTags("Accounts")
            .WithSummary("The signed-in reader's own data (account, bookmarks, votes) as a JSON download.");
        return app;
    }

    // Pages send an anonymous reader to the sign-in page and answer a signed-in reader without the role with a 403 page.
    // The API and form posts get the bare status: the error page would re-run a POST, whose form token it cannot check.
    private static Task Refuse(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        var request = context.Request;
        var page = (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && !request.Path.StartsWithSegments("/api");
        if (page && status == StatusCodes.Status401Unauthorized)
        {
            context.Response.Redirect(context.RedirectUri);
            return Task.CompletedTask;
        }

        context.Response.StatusCode = status;
        if (!page && context.HttpContext.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
        {
            statusPages.Enabled = false;
        }

        return Task.CompletedTask;
    }
}
