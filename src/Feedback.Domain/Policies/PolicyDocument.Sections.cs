using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Feedback.Calendars;
using Feedback.Penalties;
using Feedback.Routing;
using Feedback.Sla;
using NodaTime;

namespace Feedback.Policies;

/// <content>The optional rulebook sections: routing tables, duty roster, penalty schedule.</content>
public static partial class PolicyDocument
{
    private sealed partial class Reader
    {
        private static readonly string[] RowConditions = ["kinds", "categories", "severities", "cityTiers", "departments"];

        private RoutingPolicy? Routing(JsonElement e, string path)
        {
            int errorsBefore = _errors.Count;
            if (e.ValueKind != JsonValueKind.Object)
            {
                Error(path, $"Expected a routing object, found {e.GetRawText()}.");
                return null;
            }

            Unknown(e, path, ["roles", "categories", "department", "accountable", "leader", "followUp"]);
            var roles = Has(e, "roles", out var r) ? Strings(r, $"{path}.roles").ToFrozenSet(StringComparer.Ordinal) : FrozenSet<string>.Empty;
            if (roles.Count == 0)
            {
                Error($"{path}.roles", "List the roles the tables may name, for example [\"head-of-department\", \"project-general-manager\"].");
            }

            var department = Table(e, path, "department", roles: null);

            // When the department table itself is broken, department conditions cannot be checked: don't guess.
            var departments = department is null ? null
                : department.Rows.Select(x => x.Value).Append(department.Fallback.Value).ToFrozenSet(StringComparer.Ordinal);
            var accountable = Table(e, path, "accountable", roles, departments, departmentTable: false);
            var leader = Table(e, path, "leader", roles, departments, departmentTable: false);
            var followUp = Table(e, path, "followUp", roles, departments, departmentTable: false);

            // Every declared category needs a department row (R1): a category with no row is a gap in the table.
            if (Has(e, "categories", out var categories) && department is not null)
            {
                foreach (var (item, itemPath) in Items(categories, $"{path}.categories"))
                {
                    string? category = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
                    if (category is not null && !department.Rows.Any(row => row.Categories.Count == 0 || row.Categories.Contains(category)))
                    {
                        Error(itemPath, $"Category '{category}' has no row in the department table; add one (R1) or drop the category.");
                    }
                }
            }

            return _errors.Count > errorsBefore || department is null || accountable is null || leader is null || followUp is null
                ? null
                : new RoutingPolicy(department, accountable, leader, followUp, [.. roles.Order(StringComparer.Ordinal)]);
        }

        private DecisionTable? Table(JsonElement routing, string routingPath, string name, FrozenSet<string>? roles, FrozenSet<string>? departments = null, bool departmentTable = true)
        {
            string path = $"{routingPath}.{name}";
            if (!Has(routing, name, out var table) || table.ValueKind != JsonValueKind.Object)
            {
                Error(path, $"The routing needs a '{name}' table: {{\"rows\": [...], \"fallback\": {{\"value\": ...}}}}.");
                return null;
            }

            Unknown(table, path, ["rows", "fallback"]);
            var rows = new List<(RoutingRow Row, string Path)>();
            var ids = new HashSet<string>(StringComparer.Ordinal);
            if (Has(table, "rows", out var list))
            {
                foreach (var (item, itemPath) in Items(list, $"{path}.rows"))
                {
                    var row = Row(item, itemPath, roles, departments, fallback: false, departmentTable);
                    if (row is not null)
                    {
                        if (!ids.Add(row.Id))
                        {
                            Error($"{itemPath}.id", $"Row id '{row.Id}' is used twice in the {name} table.");
                        }

                        rows.Add((row, itemPath));
                    }
                }
            }

            // Two rows that can match the same ticket at the same priority make the table ambiguous.
            for (int i = 0; i < rows.Count; i++)
            {
                for (int j = i + 1; j < rows.Count; j++)
                {
                    if (rows[i].Row.Priority == rows[j].Row.Priority && rows[i].Row.Overlaps(rows[j].Row))
                    {
                        Error(rows[j].Path, string.Create(CultureInfo.InvariantCulture,
                            $"Rows '{rows[i].Row.Id}' and '{rows[j].Row.Id}' of the {name} table can match the same ticket with equal priority {rows[j].Row.Priority}; give one a higher priority or narrow its conditions."));
                    }
                }
            }

            if (!Has(table, "fallback", out var fallbackElement))
            {
                Error($"{path}.fallback", $"The {name} table needs a fallback for tickets no row matches.");
                return null;
            }

            var fallback = Row(fallbackElement, $"{path}.fallback", roles, departments, fallback: true, departmentTable);
            return fallback is null ? null : new DecisionTable(name, [.. rows.Select(x => x.Row)], fallback);
        }

        private RoutingRow? Row(JsonElement e, string path, FrozenSet<string>? roles, FrozenSet<string>? departments, bool fallback, bool departmentTable)
        {
            if (e.ValueKind != JsonValueKind.Object)
            {
                Error(path, $"Expected a row object, found {e.GetRawText()}.");
                return null;
            }

            Unknown(e, path, fallback ? ["id", "value", "cooperating"] : ["id", "rule", "priority", "when", "value", "cooperating"]);
            string id = fallback ? OptionalString(e, path, "id") ?? "fallback" : RequiredString(e, path, "id") ?? "";
            string? value = RequiredString(e, path, "value");
            if (value is not null && roles is not null && !roles.Contains(value))
            {
                Error($"{path}.value", $"Unknown role '{value}'; declare it in routing.roles.");
            }

            int priority = 0;
            if (Has(e, "priority", out var p) && !(p.ValueKind == JsonValueKind.Number && Int(p, out priority)))
            {
                Error($"{path}.priority", $"'{p.GetRawText()}' is not a whole number.");
            }

            var when = Has(e, "when", out var w) ? w : default;
            if (when.ValueKind == JsonValueKind.Object)
            {
                Unknown(when, $"{path}.when", RowConditions);
            }
            else if (when.ValueKind != JsonValueKind.Undefined)
            {
                Error($"{path}.when", $"Expected an object of conditions ({string.Join(", ", RowConditions)}), found {when.GetRawText()}.");
            }

            FrozenSet<string> Set(string name) =>
                when.ValueKind == JsonValueKind.Object && Has(when, name, out var values)
                    ? Strings(values, $"{path}.when.{name}").ToFrozenSet(StringComparer.Ordinal)
                    : FrozenSet<string>.Empty;

            var conditionDepartments = Set("departments");
            if (departmentTable && conditionDepartments.Count > 0)
            {
                Error($"{path}.when.departments", "The department table cannot condition on the department it decides.");
            }

            foreach (var d in conditionDepartments)
            {
                if (departments is not null && !departments.Contains(d))
                {
                    Error($"{path}.when.departments", $"Department '{d}' is never decided by the department table.");
                }
            }

            return value is null ? null : new RoutingRow
            {
                Id = id,
                Rule = OptionalString(e, path, "rule"),
                Priority = priority,
                Kinds = Set("kinds"),
                Categories = Set("categories"),
                Severities = Set("severities"),
                CityTiers = Set("cityTiers"),
                Departments = conditionDepartments,
                Value = value,
                Cooperating = Has(e, "cooperating", out var c) ? [.. Strings(c, $"{path}.cooperating")] : [],
            };
        }

        private (List<(string Team, string Calendar)> Teams, string Fallback)? Roster(JsonElement e, string path, Dictionary<string, Func<DateTimeZone, WorkingCalendarBuilder>> calendars)
        {
            if (e.ValueKind != JsonValueKind.Object)
            {
                Error(path, $"Expected a roster object, found {e.GetRawText()}.");
                return null;
            }

            Unknown(e, path, ["teams", "fallback"]);
            var teams = new List<(string, string)>();
            if (Has(e, "teams", out var list))
            {
                foreach (var (item, itemPath) in Items(list, $"{path}.teams"))
                {
                    Unknown(item, itemPath, ["team", "calendar"]);
                    string? team = RequiredString(item, itemPath, "team");
                    string? calendar = RequiredString(item, itemPath, "calendar");
                    if (calendar is not null && !calendars.ContainsKey(calendar))
                    {
                        Error($"{itemPath}.calendar", $"Unknown calendar '{calendar}'; define the team's shifts under \"calendars\".");
                    }

                    if (team is not null && calendar is not null)
                    {
                        teams.Add((team, calendar));
                    }
                }
            }

            if (teams.Count == 0)
            {
                Error($"{path}.teams", "A roster needs at least one team: {\"team\": name, \"calendar\": calendar name}.");
            }

            string? fallback = RequiredString(e, path, "fallback");
            if (fallback is not null && teams.Count > 0 && !teams.Any(t => t.Item1 == fallback))
            {
                Error($"{path}.fallback", $"Fallback team '{fallback}' is not one of the roster's teams.");
            }

            return fallback is null ? null : (teams, fallback);
        }

        private PenaltySchedule? Penalties(JsonElement e, string path, ImmutableArray<SlaTarget> targets)
        {
            int errorsBefore = _errors.Count;
            if (e.ValueKind != JsonValueKind.Object)
            {
                Error(path, $"Expected a penalties object, found {e.GetRawText()}.");
                return null;
            }

            Unknown(e, path, ["currency", "dayCounting", "rules"]);
            string currency = RequiredString(e, path, "currency") ?? "";
            if (currency.Length > 0 && (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper)))
            {
                Error($"{path}.currency", $"'{currency}' is not an ISO 4217 code such as \"CNY\".");
            }

            var counting = Enum(e, path, "dayCounting", DayCounting.StartedDays, ("startedDays", DayCounting.StartedDays), ("calendarDates", DayCounting.CalendarDates));
            var rules = ImmutableArray.CreateBuilder<PenaltyRule>();
            var ids = new HashSet<string>(StringComparer.Ordinal);
            if (!Has(e, "rules", out var list))
            {
                Error($"{path}.rules", "A penalty schedule needs a list of rules.");
            }
            else
            {
                foreach (var (item, itemPath) in Items(list, $"{path}.rules"))
                {
                    var rule = PenaltyRuleOf(item, itemPath, targets);
                    if (rule is not null)
                    {
                        if (!ids.Add(rule.Id))
                        {
                            Error($"{itemPath}.id", $"Penalty rule id '{rule.Id}' is used twice.");
                        }

                        rules.Add(rule);
                    }
                }
            }

            return _errors.Count > errorsBefore ? null : new PenaltySchedule(currency, counting, rules.ToImmutable());
        }

        private PenaltyRule? PenaltyRuleOf(JsonElement e, string path, ImmutableArray<SlaTarget> targets)
        {
            int errorsBefore = _errors.Count;
            Unknown(e, path, ["id", "rule", "role", "target", "occurrence", "perStarted", "amount", "perMiss", "tiers", "band", "bonusPercent", "sanction"]);
            string id = RequiredString(e, path, "id") ?? "";
            string role = RequiredString(e, path, "role") ?? "";
            string? target = OptionalString(e, path, "target");
            string? occurrence = OptionalString(e, path, "occurrence");
            if ((target is null) == (occurrence is null))
            {
                Error(path, "A penalty rule charges either a \"target\"'s lateness or a recorded \"occurrence\": give exactly one.");
            }

            if (target is not null && !targets.Any(t => t.Id == target))
            {
                Error($"{path}.target", $"Unknown target '{target}'.");
            }

            decimal? Money(string name)
            {
                if (!Has(e, name, out var v))
                {
                    return null;
                }

                if (v.ValueKind == JsonValueKind.Number && Dec(v, out decimal d) && d >= 0)
                {
                    return d;
                }

                Error($"{path}.{name}", $"'{v.GetRawText()}' is not an amount of 0 or more.");
                return null;
            }

            // Exactly one way of charging: a rule that names several would silently lose the others.
            string[] ways = target is not null ? ["perStarted", "perMiss", "tiers"] : ["amount", "bonusPercent", "sanction"];
            var given = ways.Where(w => Has(e, w, out _)).ToArray();
            if (given.Length > 1)
            {
                Error(path, $"A penalty rule charges one way; this one gives {string.Join(", ", given.Select(g => $"\"{g}\""))}. Split it into one rule per way.");
            }

            var kind = PenaltyKind.PerOccurrence;
            var interval = Duration.Zero;
            decimal amount = Money("amount") ?? 0m;
            decimal bonus = 0m;
            string? sanction = null;
            var tiers = ImmutableArray.CreateBuilder<PenaltyTier>();
            BonusBand? band = null;
            if (target is not null)
            {
                if (DurationOf(e, path, "perStarted") is { } per)
                {
                    kind = PenaltyKind.PerStartedInterval;
                    interval = per;
                    if (per <= Duration.Zero)
                    {
                        Error($"{path}.perStarted", $"The interval {Text(e, "perStarted")} must be positive.");
                    }

                    if (!Has(e, "amount", out _))
                    {
                        Error($"{path}.amount", "A per-interval fine needs an \"amount\".");
                    }
                }
                else if (Has(e, "perMiss", out _))
                {
                    kind = PenaltyKind.PerMiss;
                    amount = Money("perMiss") ?? 0m;
                }
                else if (Has(e, "tiers", out var tierList))
                {
                    kind = PenaltyKind.Tiered;
                    int expectedFrom = 1;
                    foreach (var (tier, tierPath) in Items(tierList, $"{path}.tiers"))
                    {
                        Unknown(tier, tierPath, ["from", "to", "perDay"]);
                        bool ok = Has(tier, "from", out var f) & Has(tier, "to", out var t) & Has(tier, "perDay", out var pd);
                        if (!ok || !Int(f, out int from) || !Int(t, out int to) || !Dec(pd, out decimal perDay) || perDay < 0)
                        {
                            Error(tierPath, $"A tier is {{\"from\": day, \"to\": day, \"perDay\": amount of 0 or more}}; found {tier.GetRawText()}.");
                            if (Has(tier, "to", out var readableTo) && Int(readableTo, out int end))
                            {
                                expectedFrom = end + 1;
                            }

                            continue;
                        }

                        if (from != expectedFrom || to < from)
                        {
                            Error(tierPath, string.Create(CultureInfo.InvariantCulture, $"Tier days {from}-{to} must start at day {expectedFrom} and not end before they start; tiers are contiguous from day 1."));
                        }

                        tiers.Add(new PenaltyTier(from, to, perDay));
                        expectedFrom = to + 1;
                    }

                    if (Has(e, "band", out var b))
                    {
                        Unknown(b, $"{path}.band", ["from", "minPercent", "maxPercent"]);
                        if (Has(b, "from", out var bf) && Int(bf, out int bandFrom)
                            && Has(b, "minPercent", out var bmin) && Dec(bmin, out decimal min)
                            && Has(b, "maxPercent", out var bmax) && Dec(bmax, out decimal max)
                            && min >= 0 && min <= max && max <= 100 && bandFrom >= expectedFrom)
                        {
                            band = new BonusBand(bandFrom, min, max);
                        }
                        else
                        {
                            Error($"{path}.band", string.Create(CultureInfo.InvariantCulture,
                                $"A band is {{\"from\": day after the last tier (>= {expectedFrom}), \"minPercent\": p, \"maxPercent\": q}} with 0 <= p <= q <= 100; found {b.GetRawText()}."));
                        }
                    }
                }
                else
                {
                    Error(path, "A target penalty needs \"perStarted\" + \"amount\" (P1), \"perMiss\" (P2) or \"tiers\" (P3).");
                }
            }
            else if (occurrence is not null)
            {
                if (Has(e, "bonusPercent", out var bp))
                {
                    kind = PenaltyKind.BonusPercent;
                    if (!(Dec(bp, out bonus) && bonus > 0 && bonus <= 100))
                    {
                        Error($"{path}.bonusPercent", $"'{bp.GetRawText()}' is not a percentage above 0 and at most 100.");
                    }
                }
                else if (OptionalString(e, path, "sanction") is { } s)
                {
                    kind = PenaltyKind.Sanction;
                    sanction = s;
                }
                else if (!Has(e, "amount", out _))
                {
                    Error(path, "An occurrence penalty needs \"amount\", \"bonusPercent\" or \"sanction\".");
                }
            }

            return _errors.Count > errorsBefore ? null : new PenaltyRule
            {
                Id = id,
                Rule = OptionalString(e, path, "rule"),
                Kind = kind,
                Role = role,
                Target = target,
                Occurrence = occurrence,
                Amount = amount,
                Interval = interval,
                Tiers = tiers.ToImmutable(),
                Band = band,
                BonusPercent = bonus,
                Sanction = sanction,
            };
        }
    }
}
