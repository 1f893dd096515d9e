using System.Text.Json.Nodes;
using Feedback.Policies;
using FluentAssertions;

namespace Feedback.Tests.Policies;

/// <summary>
/// Bad input never crashes: every node of shipped documents, replaced by each wrongly typed value,
/// must load to a result (usually invalid), never an exception.
/// </summary>
public class PolicyDocumentFuzzTests
{
    private static readonly string[] Replacements = ["\"x\"", "-5", "1e400", "true", "null", "[]", "{}", "[1, \"a\"]", "{\"id\": 3}"];

    public static TheoryData<string> Documents => new(["d-after-sales-complaints", "b-property-management", "a1-follow-up", "a3-follow-up"]);

    [Theory]
    [MemberData(nameof(Documents))]
    public void LoadRulebook_AnyNodeReplacedByAWronglyTypedValue_ReturnsAResultNeverThrows(string preset)
    {
        var original = JsonNode.Parse(PolicyPresets.Document(preset).Value)!;
        var paths = new List<List<object>>();
        Collect(original, [], paths);
        int loads = 0;
        foreach (var path in paths)
        {
            foreach (var replacement in Replacements)
            {
                var copy = JsonNode.Parse(original.ToJsonString())!;
                Replace(copy, path, JsonNode.Parse(replacement));
                string json = copy.ToJsonString();
                var act = () => PolicyDocument.LoadRulebook(json);
                act.Should().NotThrow($"replacing {string.Join("/", path)} by {replacement} in {preset} must give a result");
                loads++;
            }
        }

        loads.Should().BeGreaterThan(300, "the fuzz must really have run");
    }

    private static void Collect(JsonNode node, List<object> path, List<List<object>> into)
    {
        if (path.Count > 0)
        {
            into.Add([.. path]);
        }

        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (value is not null)
                    {
                        Collect(value, [.. path, key], into);
                    }
                }

                break;
            case JsonArray array:
                for (int i = 0; i < array.Count; i++)
                {
                    if (array[i] is { } item)
                    {
                        Collect(item, [.. path, i], into);
                    }
                }

                break;
        }
    }

    private static void Replace(JsonNode root, List<object> path, JsonNode? value)
    {
        var parent = root;
        for (int i = 0; i < path.Count - 1; i++)
        {
            parent = path[i] is string key ? parent[key]! : parent[(int)path[i]]!;
        }

        if (path[^1] is string last)
        {
            parent[last] = value;
        }
        else
        {
            parent[(int)path[^1]] = value;
        }
    }
}
