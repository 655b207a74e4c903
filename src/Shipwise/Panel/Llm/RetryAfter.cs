using System.Globalization;

namespace Shipwise.Panel.Llm;

/// <summary>How long a server asked us to wait: Retry-After in seconds or as an HTTP date, or OpenAI's retry-after-ms.</summary>
internal static class RetryAfter
{
    public static TimeSpan? From(HttpResponseMessage response, DateTimeOffset now, TimeSpan cap)
    {
        ArgumentNullException.ThrowIfNull(response);
        TimeSpan? wait = null;
        if (response.Headers.TryGetValues("retry-after-ms", out var ms)
            && double.TryParse(ms.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds) && milliseconds >= 0)
        {
            wait = TimeSpan.FromMilliseconds(milliseconds);
        }
        else if (response.Headers.RetryAfter is { } header)
        {
            wait = header.Delta ?? (header.Date is { } date ? date - now : null);
        }

        if (wait is not { } value)
        {
            return null;
        }

        // A date already past means "now"; a server asking for an hour is not waited on for an hour.
        return value < TimeSpan.Zero ? TimeSpan.Zero : value > cap ? cap : value;
    }
}
