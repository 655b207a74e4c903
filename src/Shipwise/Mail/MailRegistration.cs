using Microsoft.Extensions.DependencyInjection.Extensions;
using Shipwise.Telemetry;

namespace Shipwise.Mail;

public static class MailRegistration
{
    /// <summary>SMTP settings (validated at start), the <see cref="MailSender"/> and the <see cref="MailOutbox"/>. Idempotent: several features may call it.</summary>
    public static IHostApplicationBuilder AddMail(this IHostApplicationBuilder builder)
    {
        if (builder.Services.Any(d => d.ServiceType == typeof(MailSender)))
        {
            return builder;
        }

        builder.AddMetricsSource();
        builder.Services.AddOptions<SmtpOptions>()
            .BindConfiguration(SmtpOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<MailLimitOptions>()
            .BindConfiguration(MailLimitOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<MailSender>();
        builder.Services.AddSingleton<MailOutbox>();
        builder.Services.AddHostedService(services => services.GetRequiredService<MailOutbox>());
        return builder;
    }
}
