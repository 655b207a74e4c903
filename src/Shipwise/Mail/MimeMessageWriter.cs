using System.Globalization;
using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;

namespace Shipwise.Mail;

/// <summary>
/// Writes an <see cref="OutgoingMail"/> as RFC 5322 / MIME bytes: UTF-8 bodies in base64
/// (any text, any line length, nothing the SMTP layer must escape) and RFC 2047 encoded
/// words for non-ASCII header text. The boundary is derived from the Message-ID, so a
/// resent message is byte for byte the same.
/// </summary>
internal static class MimeMessageWriter
{
    private const int MaxLine = 76;

    /// <summary>Headers the writer owns; a caller's header of the same name would make a malformed message.</summary>
    private static readonly HashSet<string> _reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type", "Content-Transfer-Encoding",
    };

    public static byte[] Write(OutgoingMail mail, MailAddress from, string messageId, DateTimeOffset date)
    {
        var builder = new StringBuilder(mail.Text.Length * 2 + (mail.Html?.Length ?? 0) * 2 + 1024);
        Header(builder, "From", FormatAddress(from));
        Header(builder, "To", mail.To);
        Header(builder, "Subject", EncodeText(mail.Subject));
        Header(builder, "Date", date.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture));
        Header(builder, "Message-ID", $"<{messageId}>");
        foreach (var (name, value) in mail.Headers ?? new Dictionary<string, string>())
        {
            if (_reserved.Contains(name))
            {
                throw new ArgumentException($"The header {name} is set by the mail writer; pass it as a field of OutgoingMail instead.", nameof(mail));
            }

            Header(builder, name, value);
        }

        Header(builder, "MIME-Version", "1.0");
        if (mail.Html is null)
        {
            Part(builder, "text/plain", mail.Text);
        }
        else
        {
            var boundary = "=_sw_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(messageId)).AsSpan(0, 12));
            Header(builder, "Content-Type", $"multipart/alternative; boundary=\"{boundary}\"");
            builder.Append("\r\n");
            builder.Append("This is a message in MIME format: a plain-text and an HTML version.\r\n");
            builder.Append("\r\n--").Append(boundary).Append("\r\n");
            Part(builder, "text/plain", mail.Text);
            builder.Append("\r\n--").Append(boundary).Append("\r\n");
            Part(builder, "text/html", mail.Html);
            builder.Append("\r\n--").Append(boundary).Append("--\r\n");
            return Encoding.ASCII.GetBytes(builder.ToString());
        }

        return Encoding.ASCII.GetBytes(builder.ToString());
    }

    private static void Part(StringBuilder builder, string mediaType, string body)
    {
        Header(builder, "Content-Type", $"{mediaType}; charset=utf-8");
        Header(builder, "Content-Transfer-Encoding", "base64");
        builder.Append("\r\n");
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(NormalizeLineEnds(body)));
        for (var i = 0; i < encoded.Length; i += MaxLine)
        {
            builder.Append(encoded, i, Math.Min(MaxLine, encoded.Length - i)).Append("\r\n");
        }
    }

    // Mail bodies end lines with CRLF; a bare LF from a C# literal would be left to each client to guess.
    private static string NormalizeLineEnds(string text) => text.ReplaceLineEndings("\r\n");

    /// <summary>Writes one header, folded at spaces so lines stay short; refuses line breaks, which would let a value add headers.</summary>
    private static void Header(StringBuilder builder, string name, string value)
    {
        if (name.Length == 0 || name.Any(c => c is <= ' ' or > '~' or ':'))
        {
            throw new ArgumentException($"'{name}' is not a valid header name.", nameof(name));
        }

        if (value.Any(c => c is '\r' or '\n' or > '~' || (c < ' ' && c != '\t')))
        {
            throw new ArgumentException($"The {name} header holds a line break or a character that must be encoded.", nameof(value));
        }

        var lineLength = name.Length + 2;
        builder.Append(name).Append(": ");
        var first = true;
        foreach (var word in value.Split(' '))
        {
            if (!first)
            {
                if (lineLength + 1 + word.Length > 78)
                {
                    builder.Append("\r\n ");
                    lineLength = 1;
                }
                else
                {
                    builder.Append(' ');
                    lineLength++;
                }
            }

            builder.Append(word);
            lineLength += word.Length;
            first = false;
        }

        builder.Append("\r\n");
    }

    /// <summary>Header text as is when it is printable ASCII, otherwise as RFC 2047 encoded words of whole UTF-8 characters.</summary>
    internal static string EncodeText(string text)
    {
        if (text.All(c => c is >= ' ' and <= '~'))
        {
            return text;
        }

        // Each encoded word stays within 75 characters: at most 45 bytes of UTF-8 (60 of base64), never splitting a character.
        var words = new List<string>();
        var chunk = new StringBuilder();
        var chunkBytes = 0;
        foreach (var rune in text.ReplaceLineEndings(" ").EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (chunkBytes + size > 45)
            {
                words.Add(EncodedWord(chunk.ToString()));
                chunk.Clear();
                chunkBytes = 0;
            }

            chunk.Append(rune.ToString());
            chunkBytes += size;
        }

        if (chunk.Length > 0)
        {
            words.Add(EncodedWord(chunk.ToString()));
        }

        return string.Join(' ', words);
    }

    private static string EncodedWord(string text) => $"=?utf-8?B?{Convert.ToBase64String(Encoding.UTF8.GetBytes(text))}?=";

    private static string FormatAddress(MailAddress address)
    {
        if (string.IsNullOrEmpty(address.DisplayName))
        {
            return address.Address;
        }

        var name = address.DisplayName.All(c => c is >= ' ' and <= '~')
            ? "\"" + address.DisplayName.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\""
            : EncodeText(address.DisplayName);
        return $"{name} <{address.Address}>";
    }
}
