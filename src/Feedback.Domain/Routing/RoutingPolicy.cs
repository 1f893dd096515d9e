using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace Feedback.Routing;

/// <summary>What routing looks at: the ticket's kind, category, severity and its project's city tier.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
/// <param name="Kind">The kind of ticket.</param>
/// <param name="Category">The category, or <c>null</c>.</param>
/// <param name="Severity">The severity.</param>
/// <param name="CityTier">The project's city tier, or <c>null</c>.</param>
/// <param name="FirstReceiver">Who first received the request (R4), or <c>null</c>.</param>
public readonly record struct RouteRequest(string Kind, string? Category, string Severity, string? CityTier = null, string? FirstReceiver = null);

/// <summary>One row of a decision table: conditions, a priority and the value it gives.</summary>
/// <remarks>Immutable and thread-safe. An empty condition set matches anything.</remarks>
public sealed class RoutingRow
{
    internal RoutingRow() { }

    /// <summary>The row's id, unique in its table.</summary>
    public required string Id { get; init; }

    /// <summary>The rule it implements (R1, R2, R3), or <c>null</c>.</summary>
    public string? Rule { get; init; }

    /// <summary>Higher wins when several rows match.</summary>
    public int Priority { get; init; }

    /// <summary>Kinds it matches; empty: any.</summary>
    public FrozenSet<string> Kinds { get; init; } = FrozenSet<string>.Empty;

    /// <summary>Categories it matches; empty: any.</summary>
    public FrozenSet<string> Categories { get; init; } = FrozenSet<string>.Empty;

    /// <summary>Severities it matches; empty: any.</summary>
    public FrozenSet<string> Severities { get; init; } = FrozenSet<string>.Empty;

    /// <summary>City tiers it matches; empty: any.</summary>
    public FrozenSet<string> CityTiers { get; init; } = FrozenSet<string>.Empty;

    /// <summary>First-responsible departments it matches (tables after the department table); empty: any.</summary>
    public FrozenSet<string> Departments { get; init; } = FrozenSet<string>.Empty;

    /// <summary>The value: a department (department table) or a role.</summary>
    public required string Value { get; init; }

    /// <summary>Cooperating departments (department table only).</summary>
    public ImmutableArray<string> Cooperating { get; init; } = [];

    internal bool Matches(in RouteRequest request, string? department) =>
        (Kinds.Count == 0 || Kinds.Contains(request.Kind))
        && (Categories.Count == 0 || (request.Category is { } c && Categories.Contains(c)))
        && (Severities.Count == 0 || Severities.Contains(request.Severity))
        && (CityTiers.Count == 0 || (request.CityTier is { } t && CityTiers.Contains(t)))
        && (Departments.Count == 0 || (department is { } d && Departments.Contains(d)));

    /// <summary>Whether some request could match both rows.</summary>
    internal bool Overlaps(RoutingRow other) =>
        Meet(Kinds, other.Kinds) && Meet(Categories, other.Categories) && Meet(Severities, other.Severities)
        && Meet(CityTiers, other.CityTiers) && Meet(Departments, other.Departments);

    private static bool Meet(FrozenSet<string> a, FrozenSet<string> b) => a.Count == 0 || b.Count == 0 || a.Overlaps(b);
}

/// <summary>A decision table: rows tried by priority, and the value when none matches.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class DecisionTable
{
    internal DecisionTable(string name, ImmutableArray<RoutingRow> rows, RoutingRow fallback)
    {
        Name = name;
        Rows = [.. rows.OrderByDescending(r => r.Priority)];
        Fallback = fallback;
    }

    /// <summary>The table's name: department, accountable, leader or followUp.</summary>
    public string Name { get; }

    /// <summary>Rows, highest priority first.</summary>
    public ImmutableArray<RoutingRow> Rows { get; }

    /// <summary>Used when no row matches.</summary>
    public RoutingRow Fallback { get; }

    internal RoutingRow Decide(in RouteRequest request, string? department)
    {
        foreach (var row in Rows)
        {
            if (row.Matches(request, department))
            {
                return row;
            }
        }

        return Fallback;
    }
}

/// <summary>
/// Where a ticket goes (R1-R4): the first-responsible department and its cooperating departments, the
/// accountable person's role, the supervising leader's role, the follow-up owner's role, and who owns
/// customer contact. Roles become people through the host's <c>Feedback.Ports.IDirectory</c>.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record Route
{
    /// <summary>The first-responsible department (R1).</summary>
    public required string Department { get; init; }

    /// <summary>Cooperating departments (R1).</summary>
    public required ImmutableArray<string> Cooperating { get; init; }

    /// <summary>The accountable person's role (R2).</summary>
    public required string AccountableRole { get; init; }

    /// <summary>The supervising leader's role (R2).</summary>
    public required string LeaderRole { get; init; }

    /// <summary>The follow-up owner's role (R3).</summary>
    public required string FollowUpRole { get; init; }

    /// <summary>
    /// Who owns customer contact (R4, first-contact responsibility): the first receiver when known,
    /// even when another department does the work; otherwise the first-responsible department.
    /// </summary>
    public required string ContactOwner { get; init; }

    /// <summary>The rows that decided, in table order (department, accountable, leader, followUp); a fallback row's id ends in <c>(fallback)</c>.</summary>
    public required ImmutableArray<string> DecidedBy { get; init; }
}

/// <summary>The routing rules of a company: four decision tables evaluated in order.</summary>
/// <remarks>
/// The department table decides first; the other tables may condition on its result (for example
/// "the property company's leader is the one in charge of engineering", R2). Every table has a
/// fallback, so an unmatched ticket gets a defined route, never an exception. Immutable and thread-safe.
/// </remarks>
public sealed class RoutingPolicy
{
    internal RoutingPolicy(DecisionTable department, DecisionTable accountable, DecisionTable leader, DecisionTable followUp, ImmutableArray<string> roles)
    {
        DepartmentTable = department;
        AccountableTable = accountable;
        LeaderTable = leader;
        FollowUpTable = followUp;
        Roles = roles;
    }

    /// <summary>Category to first-responsible and cooperating departments (R1).</summary>
    public DecisionTable DepartmentTable { get; }

    /// <summary>Accountable person's role (R2).</summary>
    public DecisionTable AccountableTable { get; }

    /// <summary>Supervising leader's role (R2).</summary>
    public DecisionTable LeaderTable { get; }

    /// <summary>Follow-up owner's role (R3).</summary>
    public DecisionTable FollowUpTable { get; }

    /// <summary>The roles the tables may name.</summary>
    public ImmutableArray<string> Roles { get; }

    /// <summary>Routes a request.</summary>
    /// <param name="request">What the ticket is.</param>
    /// <returns>The route, with the rows that decided it.</returns>
    public Route Decide(in RouteRequest request)
    {
        var department = DepartmentTable.Decide(request, null);
        var accountable = AccountableTable.Decide(request, department.Value);
        var leader = LeaderTable.Decide(request, department.Value);
        var followUp = FollowUpTable.Decide(request, department.Value);
        return new Route
        {
            Department = department.Value,
            Cooperating = department.Cooperating,
            AccountableRole = accountable.Value,
            LeaderRole = leader.Value,
            FollowUpRole = followUp.Value,
            ContactOwner = request.FirstReceiver ?? department.Value,
            DecidedBy = [Name(DepartmentTable, department), Name(AccountableTable, accountable), Name(LeaderTable, leader), Name(FollowUpTable, followUp)],
        };
    }

    /// <summary>A sentence per table saying which row decided and why.</summary>
    /// <param name="request">What the ticket is.</param>
    public string Explain(in RouteRequest request)
    {
        var route = Decide(request);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"department {route.Department} ({route.DecidedBy[0]})");
        if (route.Cooperating.Length > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $" with {string.Join(", ", route.Cooperating)}");
        }

        text.Append(CultureInfo.InvariantCulture, $"; accountable {route.AccountableRole} ({route.DecidedBy[1]}); leader {route.LeaderRole} ({route.DecidedBy[2]}); follow-up {route.FollowUpRole} ({route.DecidedBy[3]}); contact owner {route.ContactOwner}{(request.FirstReceiver is null ? "" : " (first contact, R4)")}.");
        return text.ToString();
    }

    private static string Name(DecisionTable table, RoutingRow row) => ReferenceEquals(row, table.Fallback) ? $"{row.Id} (fallback)" : row.Id;
}
