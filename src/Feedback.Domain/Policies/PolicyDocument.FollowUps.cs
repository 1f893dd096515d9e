using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Feedback.Calendars;
using Feedback.FollowUps;
using NodaTime;
using NodaTime.Text;

namespace Feedback.Policies;

/// <content>The optional follow-up section (F1-F8, S1-S2).</content>
public static partial class PolicyDocument
{
    private sealed partial class Reader
    {
        private Func<DateTimeZone, Func<string, WorkingCalendar>, FollowUpPolicy>? FollowUps(JsonElement e, string path, Dictionary<string, Func<DateTimeZone, WorkingCalendarBuilder>> calendars)
        {
            int errorsBefore = _errors.Count;
            if (e.ValueKind != JsonValueKind.Object)
            {
                Error(path, $"Expected a follow-ups object, found {e.GetRawText()}.");
                return null;
            }

            Unknown(e, path, ["seed", "rounding", "calendar", "summaryDay", "recordsDay", "kinds", "mandatory", "exempt", "methods", "revisits", "flags"]);
            string seed = RequiredString(e, path, "seed") ?? "";
            var rounding = Enum(e, path, "rounding", QuotaRounding.Ceiling, ("ceiling", QuotaRounding.Ceiling), ("floor", QuotaRounding.Floor), ("nearest", QuotaRounding.Nearest));
            string? calendar = OptionalString(e, path, "calendar");
            if (calendar is not null && !calendars.ContainsKey(calendar))
            {
                Error($"{path}.calendar", $"Unknown calendar '{calendar}'.");
            }

            int summaryDay = Day(e, path, "summaryDay", 24);
            int recordsDay = Day(e, path, "recordsDay", 25);

            var kinds = ImmutableArray.CreateBuilder<KindRule>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            if (!Has(e, "kinds", out var list))
            {
                Error($"{path}.kinds", "List the kinds followed up, each with its rate and windows.");
            }
            else
            {
                foreach (var (item, itemPath) in Items(list, $"{path}.kinds"))
                {
                    Unknown(item, itemPath, ["kind", "rule", "rate", "windows"]);
                    string kind = RequiredString(item, itemPath, "kind") ?? "";
                    if (kind.Length > 0 && !seen.Add(kind))
                    {
                        Error($"{itemPath}.kind", $"Kind '{kind}' is listed twice.");
                    }

                    decimal rate = 0;
                    if (!Has(item, "rate", out var r) || r.ValueKind != JsonValueKind.Number || !Dec(r, out rate) || rate < 0 || rate > 100)
                    {
                        Error($"{itemPath}.rate", $"'{(Has(item, "rate", out var bad) ? bad.GetRawText() : "(missing)")}' is not a rate in percent from 0 to 100.");
                    }

                    var windows = ImmutableArray.CreateBuilder<WindowRule>();
                    if (Has(item, "windows", out var windowList))
                    {
                        foreach (var (w, wPath) in Items(windowList, $"{itemPath}.windows"))
                        {
                            if (WindowRuleOf(w, wPath, calendar) is { } rule)
                            {
                                windows.Add(rule);
                            }
                        }
                    }

                    kinds.Add(new KindRule(kind, rate, windows.ToImmutable()));
                }
            }

            var mandatory = Has(e, "mandatory", out var m) ? m : default;
            Unknown(mandatory, $"{path}.mandatory", ["severities", "unsatisfied", "keyHouseholds"]);
            var mandatorySeverities = mandatory.ValueKind == JsonValueKind.Object && Has(mandatory, "severities", out var ms)
                ? Strings(ms, $"{path}.mandatory.severities").ToFrozenSet(StringComparer.Ordinal) : FrozenSet<string>.Empty;
            bool unsatisfied = Flag(mandatory, $"{path}.mandatory", "unsatisfied", true);
            bool keyHouseholds = Flag(mandatory, $"{path}.mandatory", "keyHouseholds", true);
            var exempt = Has(e, "exempt", out var x) ? x : default;
            Unknown(exempt, $"{path}.exempt", ["anonymous", "writtenReplyOnly"]);
            bool anonymous = Flag(exempt, $"{path}.exempt", "anonymous", true);
            bool writtenReplyOnly = Flag(exempt, $"{path}.exempt", "writtenReplyOnly", true);

            var methods = ImmutableDictionary.CreateBuilder<string, ImmutableArray<string>>(StringComparer.Ordinal);
            if (Has(e, "methods", out var methodElement) && methodElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var method in methodElement.EnumerateObject())
                {
                    methods[method.Name] = [.. Strings(method.Value, $"{path}.methods.{method.Name}")];
                }
            }
            else
            {
                // F4 by default: a home visit needs the customer's signature; a phone follow-up is marked as such.
                methods["phone"] = ["phone-mark"];
                methods["home-visit"] = ["signature"];
                methods["site-walk"] = [];
            }

            var revisits = Has(e, "revisits", out var rv) ? rv : default;
            Unknown(revisits, $"{path}.revisits", ["phoneAllowedFromVisit", "inPersonSeverities"]);
            int phoneFrom = Number(revisits, $"{path}.revisits", "phoneAllowedFromVisit", 3);
            var inPerson = revisits.ValueKind == JsonValueKind.Object && Has(revisits, "inPersonSeverities", out var ip)
                ? Strings(ip, $"{path}.revisits.inPersonSeverities").ToFrozenSet(StringComparer.Ordinal) : new[] { "major" }.ToFrozenSet(StringComparer.Ordinal);

            var flags = Has(e, "flags", out var f) ? f : default;
            Unknown(flags, $"{path}.flags", ["sameMatter", "sameRepair", "complaintKinds", "repairKinds"]);
            int sameMatter = Number(flags, $"{path}.flags", "sameMatter", 2);
            int sameRepair = Number(flags, $"{path}.flags", "sameRepair", 3);
            var complaintKinds = flags.ValueKind == JsonValueKind.Object && Has(flags, "complaintKinds", out var ck)
                ? Strings(ck, $"{path}.flags.complaintKinds").ToFrozenSet(StringComparer.Ordinal) : new[] { "complaint" }.ToFrozenSet(StringComparer.Ordinal);
            var repairKinds = flags.ValueKind == JsonValueKind.Object && Has(flags, "repairKinds", out var rk)
                ? Strings(rk, $"{path}.flags.repairKinds").ToFrozenSet(StringComparer.Ordinal) : new[] { "repair" }.ToFrozenSet(StringComparer.Ordinal);

            if (_errors.Count > errorsBefore)
            {
                return null;
            }

            var kindRules = kinds.ToImmutable();
            var methodRules = methods.ToImmutable();
            return (zone, resolve) => new FollowUpPolicy(seed, rounding, kindRules, mandatorySeverities, unsatisfied, keyHouseholds, anonymous, writtenReplyOnly,
                methodRules, phoneFrom, inPerson, sameMatter, sameRepair, repairKinds, complaintKinds, summaryDay, recordsDay,
                calendar is null ? null : resolve(calendar), zone);
        }

        private WindowRule? WindowRuleOf(JsonElement w, string path, string? calendar)
        {
            Unknown(w, path, ["name", "anchor", "unit", "from", "to"]);
            string name = RequiredString(w, path, "name") ?? "";
            var anchor = Enum(w, path, "anchor", WindowAnchor.Completion,
                ("completion", WindowAnchor.Completion), ("contractMiddle", WindowAnchor.ContractMiddle), ("contractEnd", WindowAnchor.ContractEnd), ("quarter", WindowAnchor.Quarter));
            var unit = Enum(w, path, "unit", WindowUnit.Calendar, ("calendar", WindowUnit.Calendar), ("workingDays", WindowUnit.WorkingDays), ("businessTime", WindowUnit.BusinessTime));
            if (unit != WindowUnit.Calendar && calendar is null)
            {
                Error($"{path}.unit", $"Unit '{OptionalString(w, path, "unit")}' needs the follow-ups' \"calendar\".");
            }

            if (anchor == WindowAnchor.Quarter)
            {
                return new WindowRule { Name = name, Anchor = anchor };
            }

            switch (unit)
            {
                case WindowUnit.WorkingDays:
                {
                    int fromDays = Number(w, path, "from", 0);
                    int toDays = Number(w, path, "to", 0);
                    Ordered(path, fromDays <= toDays);
                    return new WindowRule { Name = name, Anchor = anchor, Unit = unit, FromDays = fromDays, ToDays = toDays };
                }

                case WindowUnit.BusinessTime:
                {
                    var fromTime = DurationOf(w, path, "from") ?? Duration.Zero;
                    var toTime = DurationOf(w, path, "to") ?? Duration.Zero;
                    Ordered(path, fromTime <= toTime);
                    return new WindowRule { Name = name, Anchor = anchor, Unit = unit, FromTime = fromTime, ToTime = toTime };
                }

                default:
                {
                    var from = PeriodOf(w, path, "from") ?? Period.Zero;
                    if (!Has(w, "to", out _))
                    {
                        Error($"{path}.to", "A window needs \"to\": an ISO-8601 period such as \"P3D\" or \"P1M\".");
                        return null;
                    }

                    if (PeriodOf(w, path, "to") is not { } to)
                    {
                        return null;
                    }

                    // Periods mix months and days, so compare them where it matters most: from month ends.
                    var probe = new LocalDateTime(2001, 1, 31, 0, 0);
                    Ordered(path, probe + from <= probe + to && new LocalDateTime(2000, 2, 29, 0, 0) + from <= new LocalDateTime(2000, 2, 29, 0, 0) + to);
                    return new WindowRule { Name = name, Anchor = anchor, Unit = unit, FromPeriod = from, ToPeriod = to };
                }
            }
        }

        private void Ordered(string path, bool ordered)
        {
            if (!ordered)
            {
                Error(path, "The window opens after it closes: \"from\" must not be later than \"to\".");
            }
        }

        private Period? PeriodOf(JsonElement e, string path, string name)
        {
            if (!Has(e, name, out var value))
            {
                return null;
            }

            var parsed = value.ValueKind == JsonValueKind.String ? PeriodPattern.NormalizingIso.Parse(value.GetString()!) : null;
            if (parsed is null || !parsed.Success)
            {
                Error($"{path}.{name}", $"'{(value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText())}' is not an ISO-8601 period such as \"P3D\", \"P1W\" or \"P1M\".");
                return null;
            }

            return parsed.Value;
        }

        private int Number(JsonElement e, string path, string name, int fallback)
        {
            if (e.ValueKind != JsonValueKind.Object || !Has(e, name, out var value))
            {
                return fallback;
            }

            if (value.ValueKind == JsonValueKind.Number && Int(value, out int n) && n >= 0)
            {
                return n;
            }

            Error($"{path}.{name}", $"'{value.GetRawText()}' is not a whole number, 0 or more.");
            return fallback;
        }

        private int Day(JsonElement e, string path, string name, int fallback)
        {
            int day = Number(e, path, name, fallback);
            if (day is < 1 or > 31)
            {
                Error($"{path}.{name}", string.Create(CultureInfo.InvariantCulture, $"Day {day} is not a day of the month (1-31)."));
            }

            return day;
        }

        private bool Flag(JsonElement e, string path, string name, bool fallback)
        {
            if (!Has(e, name, out var value))
            {
                return fallback;
            }

            if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                return value.ValueKind == JsonValueKind.True;
            }

            Error($"{path}.{name}", $"'{value.GetRawText()}' is not true or false.");
            return fallback;
        }
    }
}
