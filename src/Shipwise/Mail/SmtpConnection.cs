using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace Shipwise.Mail;

/// <summary>A reply from the server that was not the one the protocol step needed.</summary>
public sealed class SmtpReplyException(int code, string reply, string command)
    : Exception($"The SMTP server answered {command} with {reply}")
{
    public int Code { get; } = code;

    /// <summary>4xx replies are temporary by definition (RFC 5321 4.2.1): the same message may succeed later.</summary>
    public bool IsTransient => Code is >= 400 and < 500;
}

/// <summary>
/// One SMTP session (RFC 5321): greeting, EHLO, optional STARTTLS or TLS from the start,
/// AUTH PLAIN/LOGIN, then any number of messages. Hand-written because System.Net.Mail.SmtpClient
/// cannot speak TLS from the first byte (port 465); see docs/decisions/0009-mail-and-digest.md.
/// </summary>
internal sealed class SmtpConnection : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly TimeSpan _timeout;
    private readonly byte[] _buffer = new byte[8192];
    private Stream _stream;
    private int _start;
    private int _end;
    private HashSet<string> _extensions = new(StringComparer.OrdinalIgnoreCase);

    private SmtpConnection(TcpClient tcp, Stream stream, TimeSpan timeout)
    {
        _tcp = tcp;
        _stream = stream;
        _timeout = timeout;
    }

    /// <summary>Whether the session can take another message (it broke or timed out otherwise).</summary>
    public bool IsUsable { get; private set; } = true;

    public static async Task<SmtpConnection> OpenAsync(SmtpOptions options, CancellationToken cancellationToken)
    {
        var timeout = TimeSpan.FromSeconds(options.TimeoutSeconds);
        var tcp = new TcpClient();
        SmtpConnection? connection = null;
        try
        {
            using (var connect = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                connect.CancelAfter(timeout);
                try
                {
                    await tcp.ConnectAsync(options.Host!, options.Port, connect.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new TimeoutException($"No connection to {options.Host}:{options.Port} within {options.TimeoutSeconds} s.");
                }
            }

            Stream stream = tcp.GetStream();
            if (options.Security == SmtpSecurity.Tls)
            {
                stream = await AuthenticateAsync(stream, options.Host!, cancellationToken);
            }

            connection = new SmtpConnection(tcp, stream, timeout);
            await connection.ExpectAsync(null, "connecting", cancellationToken, 220);
            await connection.HelloAsync(cancellationToken);
            if (options.Security == SmtpSecurity.StartTls)
            {
                if (!connection._extensions.Contains("STARTTLS"))
                {
                    throw new SmtpReplyException(530, "no STARTTLS in its EHLO reply", "EHLO (Smtp:Tls is 'starttls'; use 'none' only for a relay on a trusted network)");
                }

                await connection.ExpectAsync("STARTTLS", "STARTTLS", cancellationToken, 220);
                connection._stream = await AuthenticateAsync(connection._stream, options.Host!, cancellationToken);
                await connection.HelloAsync(cancellationToken);
            }

            if (!string.IsNullOrEmpty(options.User))
            {
                await connection.AuthenticateAsync(options.User, options.Password ?? "", cancellationToken);
            }

            return connection;
        }
        catch
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
            else
            {
                tcp.Dispose();
            }

            throw;
        }
    }

    /// <summary>Sends one message. Returns once the server has taken responsibility for it (its reply to the final dot).</summary>
    public async Task SendAsync(string from, string to, byte[] message, CancellationToken cancellationToken)
    {
        await ExpectAsync($"MAIL FROM:<{from}>", "MAIL FROM", cancellationToken, 250);
        await ExpectAsync($"RCPT TO:<{to}>", "RCPT TO", cancellationToken, 250, 251);
        await ExpectAsync("DATA", "DATA", cancellationToken, 354);
        await WriteAsync(DotStuff(message), cancellationToken);
        await ExpectAsync(".", "the end of the message", cancellationToken, 250);
    }

    /// <summary>Clears any half-done transaction; also proves a reused session is still alive.</summary>
    public Task ResetAsync(CancellationToken cancellationToken) => ExpectAsync("RSET", "RSET", cancellationToken, 250);

    public async ValueTask DisposeAsync()
    {
        if (IsUsable)
        {
            try
            {
                using var quit = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await WriteAsync(Encoding.ASCII.GetBytes("QUIT\r\n"), quit.Token);
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The session is going away either way.
            }
        }

        IsUsable = false;
        await _stream.DisposeAsync();
        _tcp.Dispose();
    }

    private static async Task<Stream> AuthenticateAsync(Stream stream, string host, CancellationToken cancellationToken)
    {
        var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
        await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = host }, cancellationToken);
        return ssl;
    }

    private async Task HelloAsync(CancellationToken cancellationToken)
    {
        var name = LocalName();
        try
        {
            var lines = await ExpectAsync($"EHLO {name}", "EHLO", cancellationToken, 250);
            _extensions = new HashSet<string>(lines.Skip(1).Select(l => l.Split(' ', 2)[0]), StringComparer.OrdinalIgnoreCase);
            foreach (var auth in lines.Where(l => l.StartsWith("AUTH ", StringComparison.OrdinalIgnoreCase)))
            {
                foreach (var mechanism in auth.Split(' ').Skip(1))
                {
                    _extensions.Add("AUTH=" + mechanism);
                }
            }
        }
        catch (SmtpReplyException ex) when (ex.Code is 500 or 502)
        {
            // A server from before ESMTP.
            await ExpectAsync($"HELO {name}", "HELO", cancellationToken, 250);
            _extensions.Clear();
        }
    }

    private async Task AuthenticateAsync(string user, string password, CancellationToken cancellationToken)
    {
        if (_extensions.Contains("AUTH=PLAIN") || !_extensions.Contains("AUTH=LOGIN"))
        {
            var token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"\0{user}\0{password}"));
            await ExpectAsync($"AUTH PLAIN {token}", "AUTH PLAIN (check Smtp:User and Smtp:Password)", cancellationToken, 235);
            return;
        }

        await ExpectAsync("AUTH LOGIN", "AUTH LOGIN", cancellationToken, 334);
        await ExpectAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes(user)), "AUTH LOGIN (check Smtp:User)", cancellationToken, 334);
        await ExpectAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes(password)), "AUTH LOGIN (check Smtp:User and Smtp:Password)", cancellationToken, 235);
    }

    private static string LocalName()
    {
        var name = System.Net.Dns.GetHostName();
        return name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.') ? name : "localhost";
    }

    /// <summary>Sends a command (if any) and reads the reply, failing unless its code is one of <paramref name="expected"/>.</summary>
    private async Task<IReadOnlyList<string>> ExpectAsync(string? command, string what, CancellationToken cancellationToken, params int[] expected)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            if (command is not null)
            {
                await WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"), timeout.Token);
            }

            var (code, lines) = await ReadReplyAsync(timeout.Token);
            if (!expected.Contains(code))
            {
                if (code == 421)
                {
                    // The server is closing the session.
                    IsUsable = false;
                }

                throw new SmtpReplyException(code, $"{code} {string.Join(" ", lines)}".Trim(), what);
            }

            return lines;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            IsUsable = false;
            throw new TimeoutException($"The SMTP server did not answer {what} within {_timeout.TotalSeconds:0} s.");
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            IsUsable = false;
            throw;
        }
    }

    private async Task WriteAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        await _stream.WriteAsync(bytes, cancellationToken);
        await _stream.FlushAsync(cancellationToken);
    }

    private async Task<(int Code, List<string> Lines)> ReadReplyAsync(CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        while (true)
        {
            var line = await ReadLineAsync(cancellationToken);
            if (line.Length < 3 || !int.TryParse(line.AsSpan(0, 3), out var code))
            {
                IsUsable = false;
                throw new IOException($"The SMTP server sent a line that is not a reply: '{line}'.");
            }

            lines.Add(line.Length > 4 ? line[4..] : "");
            if (line.Length == 3 || line[3] != '-')
            {
                return (code, lines);
            }
        }
    }

    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                var line = Encoding.UTF8.GetString(_buffer, _start, newline - _start).TrimEnd('\r');
                _start = newline + 1;
                return line;
            }

            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            if (_end == _buffer.Length)
            {
                throw new IOException("The SMTP server sent a reply line longer than 8 KB.");
            }

            var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
            if (read == 0)
            {
                throw new IOException("The SMTP server closed the connection.");
            }

            _end += read;
        }
    }

    /// <summary>Doubles a dot at the start of any line (RFC 5321 4.5.2) and makes sure the message ends with CRLF before the final dot.</summary>
    internal static byte[] DotStuff(byte[] message)
    {
        using var output = new MemoryStream(message.Length + 64);
        var atLineStart = true;
        foreach (var b in message)
        {
            if (atLineStart && b == '.')
            {
                output.WriteByte((byte)'.');
            }

            output.WriteByte(b);
            atLineStart = b == '\n';
        }

        if (!atLineStart)
        {
            output.Write("\r\n"u8);
        }

        return output.ToArray();
    }
}
