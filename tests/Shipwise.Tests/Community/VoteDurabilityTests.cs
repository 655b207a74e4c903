using System.Collections.Concurrent;
using System.Net;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Shipwise.Data;
using Shipwise.Tests.Infrastructure;

namespace Shipwise.Tests.Community;

/// <summary>
/// A vote is acknowledged (303) only after its transaction committed. Here the real server takes
/// votes from many concurrent connections, is killed with SIGKILL in the middle of the load, and
/// is started again on the same database: every acknowledged vote must be there.
/// </summary>
public abstract class VoteDurabilityTests(string provider)
{
    private const int Readers = 150;
    private const int Connections = 32;

    [Fact]
    public async Task Every_acknowledged_vote_survives_a_kill_9_in_the_middle_of_the_load()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        using var readerHost = await ReaderHost.StartAsync(database);
        var readers = new List<TestReader>();
        for (var i = 0; i < Readers; i++)
        {
            readers.Add(await TestReaders.SignInAsync(readerHost.Services));
        }

        var toolIds = await ReaderHost.ToolIdsAsync(readerHost.Services);
        var slugs = toolIds.Keys.Order(StringComparer.Ordinal).ToList();

        // Every (reader, tool) is voted on at most once, so what the database must hold for an
        // acknowledged vote is exact; a vote in flight at the kill may or may not be there.
        var random = new Random(5);
        var work = new ConcurrentQueue<(TestReader Reader, string Tool, string Choice)>(
            readers.SelectMany(r => slugs.Select(t => (r, t, random.Next(2) == 0 ? "ship" : "skip"))).OrderBy(_ => random.Next()));
        var total = work.Count;
        var settings = new Dictionary<string, string>
        {
            ["RateLimits__VotesPerAccount__PermitLimit"] = "1000000",
            ["RateLimits__VotesPerIp__PermitLimit"] = "1000000",
        };

        var acknowledged = new ConcurrentBag<(long Account, string Tool, string Choice)>();
        var refused = new ConcurrentBag<string>();
        await using (var server = await ServerProcess.StartAsync(database, settings))
        {
            using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Connections, AllowAutoRedirect = false, UseCookies = false })
            {
                BaseAddress = server.Address,
                Timeout = TimeSpan.FromSeconds(30),
            };
            using var stop = new CancellationTokenSource();
            var killed = false;

            async Task SendAsync()
            {
                while (!stop.IsCancellationRequested && work.TryDequeue(out var vote))
                {
                    try
                    {
                        using var response = await client.SendAsync(vote.Reader.Post("/votes", ("tool", vote.Tool), ("choice", vote.Choice)), stop.Token);
                        if (response.StatusCode == HttpStatusCode.SeeOther)
                        {
                            acknowledged.Add((vote.Reader.AccountId, vote.Tool, vote.Choice));
                        }
                        else if (!Volatile.Read(ref killed))
                        {
                            refused.Add($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(CancellationToken.None)}");
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
                    {
                        // The server is gone (or going): this vote was never acknowledged.
                        if (!Volatile.Read(ref killed) && !stop.IsCancellationRequested)
                        {
                            refused.Add(e.Message);
                        }
                    }
                }
            }

            var senders = Enumerable.Range(0, Connections).Select(_ => Task.Run(SendAsync, cancellation)).ToList();

            // Kill once a third of the votes were acknowledged: the load is in full swing then.
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (acknowledged.Count < total / 3 && DateTime.UtcNow < deadline && senders.Any(s => !s.IsCompleted))
            {
                await Task.Delay(5, cancellation);
            }

            Volatile.Write(ref killed, true);
            server.KillHard();
            await stop.CancelAsync();
            await Task.WhenAll(senders);
            Assert.Empty(refused);
            Assert.True(acknowledged.Count >= total / 3, $"only {acknowledged.Count} of {total} votes were acknowledged before the kill:\n{server.Output}");
            Assert.True(acknowledged.Count < total, "the load finished before the kill; nothing was in flight");
        }

        // Started again on the same database: it recovers (SQLite replays its WAL) and serves.
        await using (var restarted = await ServerProcess.StartAsync(database, settings))
        {
            await using var connection = await readerHost.Services.GetRequiredService<Db>().OpenAsync(cancellation);
            var stored = (await connection.QueryAsync<(long Account, long Tool, string Choice)>("SELECT account_id, tool_id, choice FROM votes"))
                .ToDictionary(v => (v.Account, v.Tool), v => v.Choice);
            var missing = acknowledged.Where(a => stored.GetValueOrDefault((a.Account, toolIds[a.Tool])) != a.Choice).ToList();
            Assert.True(missing.Count == 0, $"{missing.Count} of {acknowledged.Count} acknowledged votes are missing or wrong after the kill, e.g. {string.Join(", ", missing.Take(5))}");

            TestContext.Current.TestOutputHelper?.WriteLine($"{acknowledged.Count} of {total} votes acknowledged before the kill; {stored.Count} stored after the restart");

            // At most the votes in flight at the kill were committed without an answer.
            Assert.InRange(stored.Count, acknowledged.Count, acknowledged.Count + Connections);

            using var client = new HttpClient { BaseAddress = restarted.Address };
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/tools/vllm", cancellation)).StatusCode);
        }
    }
}

public sealed class SqliteVoteDurabilityTests() : VoteDurabilityTests("sqlite");

public sealed class PostgresVoteDurabilityTests() : VoteDurabilityTests("postgres");
