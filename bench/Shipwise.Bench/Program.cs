using Shipwise.Bench;

if (args is ["llm-throughput", ..])
{
    return await Shipwise.Bench.Llm.LlmThroughputBench.RunAsync(args[1..]);
}

if (args is ["votes-setup", ..])
{
    return await VoteSetup.RunAsync(args[1..]);
}

if (args is ["panel-compute", var toolsText, var criticsFolder] && int.TryParse(toolsText, out var tools) && tools > 0)
{
    return PanelComputeBench.Run(tools, criticsFolder);
}

if (args is ["search", var searchToolsText, var demoCatalog] && int.TryParse(searchToolsText, out var searchTools) && searchTools > 0)
{
    return SearchBench.Run(searchTools, demoCatalog);
}

// bench: tools for the measurements in docs/benchmarks.md (run through bench/run-*.sh).
if (args is ["generate", var countText, var path] && int.TryParse(countText, out var count) && count > 0)
{
    await SyntheticCatalog.WriteAsync(path, count, new DateOnly(2026, 11, 1));
    Console.WriteLine($"Wrote {count:N0} synthetic tools to {path} ({new FileInfo(path).Length / 1_048_576.0:0.0} MiB).");
    return 0;
}

Console.Error.WriteLine("""
    usage: Shipwise.Bench generate COUNT FILE            synthetic catalog, e.g. generate 100000 /tmp/catalog-100k.json
           Shipwise.Bench panel-compute TOOLS CRITICS    evidence panel in memory, e.g. panel-compute 100000 data/critics
           Shipwise.Bench search TOOLS DEMO_CATALOG      search index in memory, e.g. search 100000 data/catalog
           Shipwise.Bench llm-throughput [options]       LLM client against the fake server (bench/run-llm.sh)
           Shipwise.Bench votes-setup PROVIDER CONN READERS DEMO_CATALOG OUT   signed-in readers for bench/run-votes.sh
    """);
return 2;
