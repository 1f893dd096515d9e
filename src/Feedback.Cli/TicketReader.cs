using System.Text.Json;
using Feedback.Sla;
using NodaTime;

namespace Feedback.Cli;

/// <summary>
/// Reads tickets from JSON Lines or CSV, one ticket per line, reporting a reason for each line it cannot read.
/// </summary>
/// <remarks>
/// JSONL: <c>{"id", "kind", "severity", "category"?, "project"?, "events": [{"name", "at"}], "fields": {"name": "instant"}?}</c>.
/// CSV: header <c>id,kind,severity,category,project,events,fields</c>; events are <c>name@instant;name@instant</c>,
/// fields <c>name=instant;name=instant</c>. CSV is quote-free: no value may contain a comma.
/// </remarks>
internal static class TicketReader
{
    public const string CsvHeader = "id,kind,severity,category,project,events,fields";

    /// <summary>Parses one JSON line; returns the ticket or sets <paramref name="error"/>.</summary>
    public static Ticket? ParseJson(string line, out string? error)
    {
        error = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException ex)
        {
            error = $"not valid JSON: {ex.Message}";
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = $"expected a JSON object, found {root.ValueKind}";
                return null;
            }

            string? id = RequiredString(root, "id", ref error);
            string? kind = RequiredString(root, "kind", ref error);
            string? severity = RequiredString(root, "severity", ref error);
            string? category = OptionalString(root, "category", ref error);
            string? project = OptionalString(root, "project", ref error);
            var events = new List<TicketEvent>();
            if (root.TryGetProperty("events", out var eventsElement) && eventsElement.ValueKind != JsonValueKind.Null)
            {
                if (eventsElement.ValueKind != JsonValueKind.Array)
                {
                    error ??= "'events' must be an array";
                }
                else
                {
                    int index = 0;
                    foreach (var item in eventsElement.EnumerateArray())
                    {
                        if (item.ValueKind != JsonValueKind.Object
                            || !item.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(name.GetString())
                            || !item.TryGetProperty("at", out var at) || at.ValueKind != JsonValueKind.String)
                        {
                            error ??= $"events[{index}] must be an object with string 'name' and 'at'";
                        }
                        else if (!TimeText.TryParseInstant(at.GetString(), out var instant))
                        {
                            error ??= $"events[{index}].at: '{at.GetString()}' is not an ISO-8601 instant with Z or an offset";
                        }
                        else
                        {
                            events.Add(new TicketEvent(name.GetString()!, instant));
                        }

                        index++;
                    }
                }
            }

            var fields = new Dictionary<string, Instant>(StringComparer.Ordinal);
            if (root.TryGetProperty("fields", out var fieldsElement) && fieldsElement.ValueKind != JsonValueKind.Null)
            {
                if (fieldsElement.ValueKind != JsonValueKind.Object)
                {
                    error ??= "'fields' must be an object";
                }
                else
                {
                    foreach (var field in fieldsElement.EnumerateObject())
                    {
                        if (field.Value.ValueKind != JsonValueKind.String || !TimeText.TryParseInstant(field.Value.GetString(), out var instant))
                        {
                            error ??= $"fields.{field.Name}: '{field.Value}' is not an ISO-8601 instant with Z or an offset";
                        }
                        else
                        {
                            fields[field.Name] = instant;
                        }
                    }
                }
            }

            return error is null ? new Ticket(id!, kind!, severity!, events, category, project, fields) : null;
        }
    }

    /// <summary>Parses one CSV data line; returns the ticket or sets <paramref name="error"/>.</summary>
    public static Ticket? ParseCsv(string line, out string? error)
    {
        error = null;
        string[] cells = line.Split(',');
        if (cells.Length != 7)
        {
            error = $"expected 7 comma-separated values ({CsvHeader}), found {cells.Length}";
            return null;
        }

        string id = cells[0].Trim(), kind = cells[1].Trim(), severity = cells[2].Trim();
        foreach (var (name, value) in new[] { ("id", id), ("kind", kind), ("severity", severity) })
        {
            if (value.Length == 0)
            {
                error ??= $"missing '{name}'";
            }
        }

        var events = new List<TicketEvent>();
        foreach (string part in cells[5].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int at = part.IndexOf('@', StringComparison.Ordinal);
            if (at <= 0)
            {
                error ??= $"event '{part}' is not name@instant";
            }
            else if (!TimeText.TryParseInstant(part[(at + 1)..], out var instant))
            {
                error ??= $"event '{part}': '{part[(at + 1)..]}' is not an ISO-8601 instant with Z or an offset";
            }
            else
            {
                events.Add(new TicketEvent(part[..at], instant));
            }
        }

        var fields = new Dictionary<string, Instant>(StringComparer.Ordinal);
        foreach (string part in cells[6].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                error ??= $"field '{part}' is not name=instant";
            }
            else if (!TimeText.TryParseInstant(part[(equals + 1)..], out var instant))
            {
                error ??= $"field '{part}': '{part[(equals + 1)..]}' is not an ISO-8601 instant with Z or an offset";
            }
            else
            {
                fields[part[..equals]] = instant;
            }
        }

        string? category = cells[3].Trim() is { Length: > 0 } c ? c : null;
        string? project = cells[4].Trim() is { Length: > 0 } p ? p : null;
        return error is null ? new Ticket(id, kind, severity, events, category, project, fields) : null;
    }

    private static string? RequiredString(JsonElement root, string name, ref string? error)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            error ??= $"missing '{name}'";
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            error ??= $"'{name}' must be a non-empty string";
            return null;
        }

        return value.GetString();
    }

    private static string? OptionalString(JsonElement root, string name, ref string? error)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            error ??= $"'{name}' must be a string";
            return null;
        }

        return value.GetString();
    }
}
