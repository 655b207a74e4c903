using System.Reflection;
using System.Reflection.Emit;

namespace Shipwise.Tests.Architecture;

/// <summary>
/// Feature folders (namespaces under Shipwise.*) may depend on each other, but not in circles.
/// The dependencies are read from the compiled assembly: every type a feature's code names in a
/// signature, a field, a base type or an instruction (calls, field reads, casts, new objects),
/// lambdas and async state machines included.
/// Today the order is: Web/ (page parts every page uses), Data/, Security/ at the bottom; Catalog/
/// below Panel/ below Community/; Site/ (layout, embeds, feeds, share images, charts) above Catalog/, Panel/, Accounts/;
/// the pages that compose several features on top (Tools/: the tool page and /api/tools; Home/; Compare/).
/// </summary>
public sealed class FeatureDependencyTests
{
    [Fact]
    public void No_feature_folder_depends_on_another_in_a_circle()
    {
        var inCycles = CycleEdges(Dependencies(typeof(Program).Assembly)).Order(StringComparer.Ordinal).ToList();
        Assert.True(inCycles.Count == 0, "Feature folders depend on each other in a circle, through: " + string.Join(", ", inCycles)
            + ". Break it: move the shared piece down (e.g. to Web/) or the piece that composes features up (e.g. to Tools/).");
    }

    [Fact]
    public void An_edge_back_into_a_lower_folder_is_a_cycle_edge_and_an_edge_down_is_not()
    {
        // Site and Catalog in a circle, both using Security: only the circle's edges count; were Security to use Site, its edges would too.
        var graph = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal)
        {
            ["Site"] = ["Catalog", "Security"],
            ["Catalog"] = ["Site", "Security"],
            ["Security"] = [],
        };
        Assert.Equal(["Catalog → Site", "Site → Catalog"], CycleEdges(graph).Order(StringComparer.Ordinal));
        graph["Security"].Add("Site");
        Assert.Equal(
            ["Catalog → Security", "Catalog → Site", "Security → Site", "Site → Catalog", "Site → Security"],
            CycleEdges(graph).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_dependency_reader_sees_calls_inside_method_bodies_and_lambdas()
    {
        // Hosting wires every feature; Cli runs the migrations; both through method bodies only.
        var graph = Dependencies(typeof(Program).Assembly);
        Assert.Contains("Catalog", graph["Hosting"]);
        Assert.Contains("Data", graph["Cli"]);
        var intoHosting = graph.Where(g => g.Key is not ("Hosting" or "Cli") && g.Value.Contains("Hosting")).Select(g => g.Key).ToList();
        Assert.True(intoHosting.Count == 0, "Only the CLI may use Hosting, but so do: " + string.Join(", ", intoHosting));
    }

    /// <summary>feature → features it uses (first namespace segment after "Shipwise.").</summary>
    internal static Dictionary<string, HashSet<string>> Dependencies(Assembly assembly)
    {
        var graph = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var type in assembly.GetTypes())
        {
            if (Feature(type) is not { } from)
            {
                continue;
            }

            var uses = graph.TryGetValue(from, out var set) ? set : graph[from] = new HashSet<string>(StringComparer.Ordinal);
            foreach (var used in TypesUsedBy(type))
            {
                if (Feature(used) is { } to && to != from)
                {
                    uses.Add(to);
                }
            }
        }

        return graph;
    }

    private static string? Feature(Type type)
    {
        while (type.DeclaringType is { } outer)
        {
            type = outer;
        }

        var ns = type.Namespace;
        if (ns is null || !ns.StartsWith("Shipwise.", StringComparison.Ordinal) || ns.StartsWith("Shipwise.Core", StringComparison.Ordinal)
            || type.Assembly != typeof(Program).Assembly)
        {
            return null;
        }

        var rest = ns["Shipwise.".Length..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rest : rest[..dot];
    }

    private const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static IEnumerable<Type> TypesUsedBy(Type type)
    {
        var found = new List<Type>();
        void Add(Type? t)
        {
            if (t is null)
            {
                return;
            }

            if (t.HasElementType)
            {
                Add(t.GetElementType());
                return;
            }

            found.Add(t);
            if (t.IsGenericType && !t.IsGenericTypeDefinition)
            {
                foreach (var argument in t.GetGenericArguments())
                {
                    Add(argument);
                }
            }
        }

        Add(type.BaseType);
        foreach (var i in type.GetInterfaces())
        {
            Add(i);
        }

        foreach (var field in type.GetFields(All))
        {
            Add(field.FieldType);
        }

        foreach (var property in type.GetProperties(All))
        {
            Add(property.PropertyType);
        }

        foreach (var method in type.GetMethods(All).Cast<MethodBase>().Concat(type.GetConstructors(All)))
        {
            if (method is MethodInfo info)
            {
                Add(info.ReturnType);
            }

            foreach (var parameter in method.GetParameters())
            {
                Add(parameter.ParameterType);
            }

            foreach (var used in TypesInBody(method))
            {
                Add(used);
            }
        }

        return found;
    }

    private static readonly Dictionary<short, OpCode> _opCodes = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    /// <summary>The types named by the tokens of a method's IL: the methods it calls, the fields it touches, the types it creates or casts to.</summary>
    private static IEnumerable<Type> TypesInBody(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }

        var module = method.Module;
        var typeArguments = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var i = 0; i < il.Length;)
        {
            var code = il[i] == 0xFE ? _opCodes[(short)(0xFE00 | il[i + 1])] : _opCodes[il[i]];
            i += code.Size;
            var operand = code.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, i),
                _ => 4,
            };
            if (code.OperandType is OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok)
            {
                MemberInfo? member = null;
                try
                {
                    member = module.ResolveMember(BitConverter.ToInt32(il, i), typeArguments, methodArguments);
                }
                catch (Exception ex) when (ex is ArgumentException or BadImageFormatException or TypeLoadException)
                {
                    // A token into a generic context we cannot rebuild here; its declaring type is seen elsewhere.
                }

                if ((member as Type ?? member?.DeclaringType) is { } used)
                {
                    yield return used;
                }

                if (member is MethodInfo { ReturnType: var returns })
                {
                    // e.g. a static factory that returns another feature's type.
                    yield return returns;
                }
            }

            i += operand;
        }
    }

    /// <summary>"From → To" for every edge inside a strongly connected component (Tarjan).</summary>
    internal static IEnumerable<string> CycleEdges(Dictionary<string, HashSet<string>> graph)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var component = new Dictionary<string, int>();
        var next = 0;
        var components = 0;

        void Visit(string v)
        {
            index[v] = low[v] = next++;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in graph.GetValueOrDefault(v) ?? [])
            {
                if (!index.ContainsKey(w))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack.Contains(w))
                {
                    low[v] = Math.Min(low[v], index[w]);
                }
            }

            if (low[v] == index[v])
            {
                string w;
                do
                {
                    w = stack.Pop();
                    onStack.Remove(w);
                    component[w] = components;
                }
                while (w != v);
                components++;
            }
        }

        foreach (var v in graph.Keys.Order(StringComparer.Ordinal))
        {
            if (!index.ContainsKey(v))
            {
                Visit(v);
            }
        }

        return graph.SelectMany(g => g.Value.Where(to => component.TryGetValue(to, out var c) && c == component[g.Key]).Select(to => $"{g.Key} → {to}"));
    }
}
