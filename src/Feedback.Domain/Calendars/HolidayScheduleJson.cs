using System.Globalization;
using System.Text.Json;
using Ardalis.Result;
using NodaTime;
using NodaTime.Text;

namespace Feedback.Calendars;

/// <summary>
/// Reads official holiday schedules from JSON in the format the library ships
/// (<c>{"region": "CN", "years": [2027], "days": [{"date": "2027-01-01", "name": "元旦", "isOffDay": true}]}</c>),
/// so a host can add a year the library does not ship yet, or another region, from a file.
/// </summary>
/// <remarks>Thread-safe. Parsing is culture-invariant; dates are ISO <c>uuuu-MM-dd</c>.</remarks>
public static class HolidayScheduleJson
{
    /// <summary>Parses a schedule, listing every problem with its JSON path and value.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The schedule, or an invalid result naming each bad field.</returns>
    public static Result<HolidaySchedule> Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            return Result<HolidaySchedule>.Invalid(new ValidationError("$", $"Not valid JSON: {ex.Message}"));
        }

        using (document)
        {
            return Read(document.RootElement);
        }
    }

    private static Result<HolidaySchedule> Read(JsonElement root)
    {
        var errors = new List<ValidationError>();
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Result<HolidaySchedule>.Invalid(new ValidationError("$", $"Expected an object, found {root.ValueKind}."));
        }

        string? region = null;
        if (!root.TryGetProperty("region", out var regionElement) || regionElement.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(regionElement.GetString()))
        {
            errors.Add(new ValidationError("$.region", "A non-empty string region code such as \"CN\" is required."));
        }
        else
        {
            region = regionElement.GetString();
        }

        var years = new List<int>();
        if (!root.TryGetProperty("years", out var yearsElement) || yearsElement.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new ValidationError("$.years", "An array of the years the schedule covers is required, for example [2027]."));
        }
        else
        {
            int index = 0;
            foreach (var year in yearsElement.EnumerateArray())
            {
                if (year.ValueKind == JsonValueKind.Number && year.TryGetInt32(out int value) && value is >= 1800 and <= 2200)
                {
                    years.Add(value);
                }
                else
                {
                    errors.Add(new ValidationError(Invariant($"$.years[{index}]"), $"'{year.GetRawText()}' is not a year between 1800 and 2200."));
                }

                index++;
            }
        }

        var days = new List<OfficialDay>();
        if (!root.TryGetProperty("days", out var daysElement) || daysElement.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new ValidationError("$.days", "An array of days is required (it may be empty)."));
        }
        else
        {
            int index = 0;
            foreach (var day in daysElement.EnumerateArray())
            {
                ReadDay(day, Invariant($"$.days[{index++}]"), days, errors);
            }
        }

        string? source = root.TryGetProperty("source", out var sourceElement) && sourceElement.ValueKind == JsonValueKind.String ? sourceElement.GetString() : null;
        return errors.Count > 0
            ? Result<HolidaySchedule>.Invalid(errors)
            : Result<HolidaySchedule>.Success(new HolidaySchedule(region!, years, days, source));
    }

    private static void ReadDay(JsonElement day, string path, List<OfficialDay> days, List<ValidationError> errors)
    {
        if (day.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new ValidationError(path, $"Expected an object with date and isOffDay, found {day.GetRawText()}."));
            return;
        }

        LocalDate? date = null;
        if (day.TryGetProperty("date", out var dateElement) && dateElement.ValueKind == JsonValueKind.String)
        {
            var parsed = LocalDatePattern.Iso.Parse(dateElement.GetString()!);
            if (parsed.Success)
            {
                date = parsed.Value;
            }
        }

        if (date is null)
        {
            errors.Add(new ValidationError(path + ".date", $"'{(day.TryGetProperty("date", out var raw) ? raw.GetRawText() : "(missing)")}' is not a date of the form \"2027-01-01\"."));
        }

        bool? isOffDay = day.TryGetProperty("isOffDay", out var offElement) && offElement.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? offElement.GetBoolean()
            : null;
        if (isOffDay is null)
        {
            errors.Add(new ValidationError(path + ".isOffDay", $"'{(day.TryGetProperty("isOffDay", out var raw) ? raw.GetRawText() : "(missing)")}' is not true or false."));
        }

        string? name = day.TryGetProperty("name", out var nameElement) && nameElement.ValueKind == JsonValueKind.String ? nameElement.GetString() : null;
        if (date is not null && isOffDay is not null)
        {
            days.Add(new OfficialDay(date.Value, isOffDay.Value, name));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
