namespace Shipwise.Site;

/// <summary>
/// The one place that decides how an error is answered: a browser gets the site's HTML error page,
/// the API and clients that ask for JSON get RFC 9457 ProblemDetails. Both the exception handler
/// (any 5xx from a throw) and the status-code pages (an empty 4xx/5xx) ask <see cref="WantsHtml"/>.
/// </summary>
public static class ErrorResponses
{
    public const string ErrorPagePath = "/error/{0}";

    /// <summary>Outside /api, HTML unless the request asks for JSON and not for HTML.</summary>
    public static bool WantsHtml(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/openapi"))
        {
            return false;
        }

        var accept = request.Headers.Accept.ToString();
        return accept.Length == 0
            || accept.Contains("text/html", StringComparison.OrdinalIgnoreCase)
            || !accept.Contains("json", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The exception handler: re-runs the request as /error/500 for a browser, writes ProblemDetails otherwise.</summary>
    public static WebApplication UseErrorResponses(this WebApplication app)
    {
        app.UseWhen(context => WantsHtml(context.Request), html => html.UseExceptionHandler(string.Format(System.Globalization.CultureInfo.InvariantCulture, ErrorPagePath, 500)));
        app.UseWhen(context => !WantsHtml(context.Request), problem => problem.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = WriteProblemAsync }));
        return app;
    }

    // Written whatever the Accept header says: an API client always gets a body it can read.
    private static Task WriteProblemAsync(HttpContext context) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status500InternalServerError,
            title: "Something went wrong on our side",
            detail: "The error has been logged. Please try again in a minute.").ExecuteAsync(context);

    /// <summary>Empty error responses: the HTML error page (with "did you mean" on a 404) or ProblemDetails, by the same rule.</summary>
    public static WebApplication UseErrorStatusPages(this WebApplication app)
    {
        app.UseWhen(context => !WantsHtml(context.Request), api => api.UseStatusCodePages());
        app.UseWhen(context => WantsHtml(context.Request), site => site.UseStatusCodePagesWithReExecute(ErrorPagePath));
        return app;
    }
}
