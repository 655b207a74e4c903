namespace Shipwise.Security;

/// <summary>
/// What every request passes first: the limits on request bodies and forms.
/// See docs/security.md for the threat model.
/// </summary>
public static class SecurityRegistration
{
    public static IHostApplicationBuilder AddSecurity(this IHostApplicationBuilder builder) => builder;

    public static WebApplication UseSecurity(this WebApplication app)
    {
        app.Use(FormLimits.GuardAsync);
        return app;
    }
}
