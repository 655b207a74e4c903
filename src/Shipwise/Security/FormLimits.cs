using Microsoft.AspNetCore.Http.Features;
using Shipwise.Core.Text;

namespace Shipwise.Security;

/// <summary>
/// One policy for every request body: the site's forms are a handful of short fields, so a body,
/// a field count or a value far beyond that is refused with 413, and a field holding a character
/// <see cref="SafeText"/> refuses (a NUL byte) with 400, before antiforgery, model binding or a
/// handler reads the form. Without it the framework's own limits threw while the form was read,
/// which answered 500 and logged a stack trace.
/// </summary>
public static class FormLimits
{
    /// <summary>Largest request body; the biggest form (a sign-in confirmation) is under 3 KB.</summary>
    public const long MaxBodyBytes = 64 * 1024;

    /// <summary>Most fields in one form.</summary>
    public const int MaxFields = 64;

    /// <summary>Longest field value (a return address or a sign-in token is at most 2,048 characters).</summary>
    public const int MaxValueLength = 8 * 1024;

    private static readonly FormOptions _options = new()
    {
        ValueCountLimit = MaxFields,
        ValueLengthLimit = MaxValueLength,
        KeyLengthLimit = 256,
        MultipartBodyLengthLimit = MaxBodyBytes,
        MultipartHeadersLengthLimit = 4 * 1024,
        BufferBodyLengthLimit = MaxBodyBytes,
    };

    public static async Task GuardAsync(HttpContext context, Func<Task> next)
    {
        var request = context.Request;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = MaxBodyBytes;
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            await RefuseAsync(context, StatusCodes.Status413PayloadTooLarge, "The request is too large", $"A request body may be at most {MaxBodyBytes / 1024} KB.");
            return;
        }

        if (request.HasFormContentType)
        {
            context.Features.Set<IFormFeature>(new FormFeature(request, _options));
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(context.RequestAborted);
            }
            catch (InvalidDataException ex) when (ex.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
            {
                await RefuseAsync(context, StatusCodes.Status413PayloadTooLarge, "The form is too large",
                    $"A form may have at most {MaxFields} fields of at most {MaxValueLength} characters each.");
                return;
            }
            catch (InvalidDataException)
            {
                // The framework's own decoder refuses some bytes (an encoded NUL) before the check below sees them.
                await RefuseAsync(context, StatusCodes.Status400BadRequest, "The form is not valid", "The form holds characters that are not text.");
                return;
            }
            catch (BadHttpRequestException ex)
            {
                await RefuseAsync(context, ex.StatusCode, "The request could not be read",
                    ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? $"A request body may be at most {MaxBodyBytes / 1024} KB." : "The request body is malformed.");
                return;
            }

            foreach (var (key, values) in form)
            {
                var problem = SafeText.Problem(key) ?? values.Select(v => SafeText.Problem(v, multiline: true)).FirstOrDefault(p => p is not null);
                if (problem is not null)
                {
                    await RefuseAsync(context, StatusCodes.Status400BadRequest, "The form is not valid", $"The field '{Printable(key)}' {problem}.");
                    return;
                }
            }
        }

        await next();
    }

    // A bare problem (no error page re-run: it would read the same form again).
    private static async Task RefuseAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        if (context.RequestServices.GetService<IProblemDetailsService>() is { } problems)
        {
            await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = status, Title = title, Detail = detail },
            });
        }
    }

    private static string Printable(string key) => SafeText.IsSafe(key) ? key : "(a field name that is not text)";
}
