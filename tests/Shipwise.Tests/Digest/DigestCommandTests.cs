using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Shipwise.Data;
using Shipwise.Tests.Infrastructure;
using Shipwise.Tests.Mail;

namespace Shipwise.Tests.Digest;

/// <summary>`shipwise digest send` as an operator runs it: the real executable, a real database, maildev.</summary>
public abstract class DigestCommandTests(string provider)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_send_killed_part_way_and_run_again_mails_every_subscriber_exactly_once()
    {
        await using var mail = await MailDevServer.StartAsync();
        await using var db = await TestDatabase.CreateMigratedAsync(provider);
        var ids = await PrepareAsync(db, subscribers: 200);

        // Two mails a second, so the run is still going when the test kills it; short leases, so the rerun soon takes over its claims.
        var slow = Environment(mail);
        slow["Smtp__MaxPerSecond"] = "2";
        slow["Digest__LeaseSeconds"] = "3";
        using (var first = Start(db, slow, "digest", "send"))
        {
            // Kill between two mails (500 ms apart): once every accepted mail is marked sent. A kill in the
            // microseconds between the server's acceptance and the mark is the one window that can still
            // duplicate a mail (docs/decisions/0009); this test covers every other moment of a send.
            while (true)
            {
                Assert.False(first.HasExited, "the first run finished before it could be killed");
                var arrived = (await mail.MessagesAsync(Token)).Count;
                if (arrived >= 20 && arrived == await CountAsync(db, "SELECT count(*) FROM digest_deliveries WHERE status = 'sent'"))
                {
                    break;
                }

                await Task.Delay(20, Token);
            }

            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync(Token);
        }

        await Task.Delay(500, Token);
        var beforeRerun = await mail.MessagesAsync(Token);
        Assert.InRange(beforeRerun.Count, 20, 199);
        Assert.Equal(beforeRerun.Count, await CountAsync(db, "SELECT count(*) FROM digest_deliveries WHERE status = 'sent'"));
        Assert.Equal(200, await CountAsync(db, "SELECT count(*) FROM digest_deliveries"));

        var second = await ShipwiseProcess.RunWithEnvironmentAsync(db, Environment(mail), "digest", "send");
        Assert.True(second.ExitCode == 0, second.Output + second.Error);
        Assert.Contains($"{200 - beforeRerun.Count} mailed by this run, 200 of 200 subscribers have it", second.Output);
        Assert.Contains("100%", second.Error);

        await mail.WaitForMessagesAsync(200, cancellationToken: Token);
        await Task.Delay(500, Token);
        var all = await mail.MessagesAsync(Token);
        Assert.Equal(200, all.Count);
        Assert.Equal(ids.Select(Address).Order(), all.Select(m => m.Recipient).Order());
        Assert.Equal(200, all.Select(m => m.MessageId).Distinct().Count());

        // And a third run has nothing left to do.
        var third = await ShipwiseProcess.RunWithEnvironmentAsync(db, Environment(mail), "digest", "send");
        Assert.Equal(0, third.ExitCode);
        Assert.Contains("0 mailed by this run, 200 of 200 subscribers have it", third.Output);
    }

    [Fact]
    public async Task An_unreachable_mail_server_is_retried_and_reported_and_a_later_run_completes()
    {
        await using var mail = await MailDevServer.StartAsync();
        await using var db = await TestDatabase.CreateMigratedAsync(provider);
        await PrepareAsync(db, subscribers: 3);

        var down = Environment(mail);
        down["Smtp__Port"] = ClosedPort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        down["Smtp__MaxAttempts"] = "2";
        var failed = await ShipwiseProcess.RunWithEnvironmentAsync(db, down, "digest", "send");
        Assert.True(failed.ExitCode == 1, failed.Output + failed.Error);
        Assert.Contains("Not delivered", failed.Output);
        foreach (var i in Enumerable.Range(1, 3))
        {
            Assert.Contains(Address(i), failed.Output);
        }

        Assert.Contains("not sent after 2 attempts", failed.Output);
        Assert.Contains("3 deliveries failed. Run `shipwise digest send` again", failed.Error);
        Assert.Empty(await mail.MessagesAsync(Token));

        var later = await ShipwiseProcess.RunWithEnvironmentAsync(db, Environment(mail), "digest", "send");
        Assert.True(later.ExitCode == 0, later.Output + later.Error);
        Assert.Contains("3 mailed by this run, 3 of 3 subscribers have it", later.Output);
        var messages = await mail.WaitForMessagesAsync(3, cancellationToken: Token);
        Assert.Equal(3, messages.Select(m => m.Recipient).Distinct().Count());
    }

    [Theory]
    [InlineData(null, "Smtp:Host")]
    [InlineData("Smtp__From", "Smtp:From is required")]
    [InlineData("Shipwise__PublicUrl", "Shipwise:PublicUrl is required")]
    public async Task Missing_settings_stop_the_command_and_are_named(string? leftOut, string message)
    {
        await using var mail = await MailDevServer.StartAsync();
        await using var db = await TestDatabase.CreateMigratedAsync(provider);
        var env = Environment(mail);
        if (leftOut is null)
        {
            env = env.Where(e => !e.Key.StartsWith("Smtp__", StringComparison.Ordinal)).ToDictionary();
        }
        else
        {
            env[leftOut] = "";
        }

        var result = await ShipwiseProcess.RunWithEnvironmentAsync(db, env, "digest", "send");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error);
        Assert.Equal(0, await CountAsync(db, "SELECT count(*) FROM digests"));
    }

    private static string Address(long i) => $"reader{i:000}@example.org";

    /// <summary>Migrates and seeds the database, gives two tools a verdict from an hour ago (real time: the command uses the system clock), adds subscribers.</summary>
    private static async Task<List<long>> PrepareAsync(TestDatabase database, int subscribers)
    {
        using var host = await TestHost.StartAsync(database, new FakeTimeProvider(DateTimeOffset.UtcNow));
        var db = host.Services.GetRequiredService<Db>();
        await DigestApp.SetVerdictAsync(db, "vllm", 5, 2, DateTimeOffset.UtcNow.AddHours(-1));
        await DigestApp.SetVerdictAsync(db, "llama-cpp", 2, 5, DateTimeOffset.UtcNow.AddHours(-2), previousRank: 2, previousPercent: 60);
        await using var connection = await db.OpenAsync(Token);
        await using var transaction = await connection.BeginTransactionAsync(Token);
        var ids = new List<long>();
        for (var i = 1; i <= subscribers; i++)
        {
            var id = await connection.ExecuteScalarAsync<long>(
                "INSERT INTO subscribers (id, email, status, created_at, confirmed_at) VALUES (@i, @email, 'confirmed', @now, @now) RETURNING id",
                new { i = (long)i, email = Address(i), now = DateTimeOffset.UtcNow }, transaction);
            ids.Add(id);
        }

        await transaction.CommitAsync(Token);
        return ids;
    }

    private static async Task<long> CountAsync(TestDatabase database, string sql)
    {
        using var host = await TestHost.StartAsync(database, new FakeTimeProvider(DateTimeOffset.UtcNow), seed: false);
        await using var connection = await host.Services.GetRequiredService<Db>().OpenAsync(Token);
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    private static Dictionary<string, string> Environment(MailDevServer mail)
    {
        var env = mail.Environment();
        env["Shipwise__PublicUrl"] = DigestApp.PublicUrl;
        env["Panel__CriticsPath"] = RepoPaths.CriticsFolder;
        return env;
    }

    /// <summary>Starts `shipwise` without waiting for it, so a test can kill it (ShipwiseProcess waits for the exit).</summary>
    private static Process Start(TestDatabase database, Dictionary<string, string> environment, params string[] args)
    {
        var process = Process.Start(ShipwiseProcess.StartInfo(database, environment, args))!;

        // Drained so a full pipe never blocks the command.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

public sealed class SqliteDigestCommandTests() : DigestCommandTests("sqlite");

public sealed class PostgresDigestCommandTests() : DigestCommandTests("postgres");
