using Feedback.Policies;
using Feedback.Routing;
using FluentAssertions;

namespace Feedback.Tests.Routing;

/// <summary>Bad routing tables are rejected at load, every problem named by its JSON path (R1-R3).</summary>
public class RoutingValidationTests
{
    // A valid rulebook: categories a and b, each with a department row; every table has a fallback.
    private const string Department = """
        "department": {
          "rows": [
            { "id": "d-a", "rule": "R1", "when": { "categories": ["a"] }, "value": "dept-a", "cooperating": ["dept-c"] },
            { "id": "d-b", "rule": "R1", "when": { "categories": ["b"] }, "value": "dept-b" }
          ],
          "fallback": { "id": "d-none", "value": "desk" }
        }
        """;

    private const string Accountable = """
        "accountable": {
          "rows": [
            { "id": "acc-major", "rule": "R2", "when": { "severities": ["major"] }, "value": "regional-head" },
            { "id": "acc-major-b", "rule": "R2", "priority": 1, "when": { "severities": ["major"], "departments": ["dept-b"] }, "value": "b-head" }
          ],
          "fallback": { "value": "head" }
        }
        """;

    private const string Leader = """
        "leader": { "rows": [ { "id": "l-capital", "when": { "cityTiers": ["capital"] }, "value": "area-leader" } ], "fallback": { "value": "pgm" } }
        """;

    private const string FollowUp = """
        "followUp": { "rows": [], "fallback": { "id": "f", "value": "officer" } }
        """;

    private static string Document(string department = Department, string accountable = Accountable, string leader = Leader, string followUp = FollowUp,
        string roles = """["head", "regional-head", "b-head", "area-leader", "pgm", "officer"]""", string categories = """["a", "b"]""") =>
        "{ \"id\": \"r\", \"zone\": \"Asia/Shanghai\", \"targets\": [], \"routing\": { \"roles\": " + roles + ", \"categories\": " + categories + ", "
        + string.Join(", ", new[] { department, accountable, leader, followUp }.Where(t => t.Length > 0)) + " } }";

    private static string[] Errors(string json)
    {
        var result = PolicyDocument.LoadRulebook(json);
        result.IsSuccess.Should().BeFalse();
        return [.. result.ValidationErrors.Select(e => e.Identifier + ": " + e.ErrorMessage)];
    }

    [Fact]
    public void R1R2_ValidDocument_LoadsAndRoutes()
    {
        var result = PolicyDocument.LoadRulebook(Document());
        result.ValidationErrors.Should().BeEmpty();
        var routing = result.Value.Routing!;
        var route = routing.Decide(new RouteRequest("complaint", "b", "major", "capital"));
        route.Department.Should().Be("dept-b");
        route.AccountableRole.Should().Be("b-head");
        route.LeaderRole.Should().Be("area-leader");
        route.FollowUpRole.Should().Be("officer");
        route.DecidedBy.Should().Equal("d-b", "acc-major-b", "l-capital", "f (fallback)");
        routing.Decide(new RouteRequest("complaint", "a", "major")).Cooperating.Should().Equal("dept-c");
    }

    [Fact]
    public void R1_DeclaredCategoryWithoutADepartmentRow_IsRejectedNamingTheCategory()
    {
        Errors(Document(categories: """["a", "b", "c"]""")).Should().Equal(
            "$.routing.categories[2]: Category 'c' has no row in the department table; add one (R1) or drop the category.");
    }

    [Fact]
    public void R2_TwoRowsMatchingTheSameTicketWithEqualPriority_AreRejectedNamingBothRows()
    {
        // acc-kind (kinds: complaint) and acc-major (severities: major) both match a major complaint at priority 0.
        const string accountable = """
            "accountable": {
              "rows": [
                { "id": "acc-major", "when": { "severities": ["major"] }, "value": "regional-head" },
                { "id": "acc-general", "when": { "severities": ["general"] }, "value": "head" },
                { "id": "acc-kind", "when": { "kinds": ["complaint"] }, "value": "head" }
              ],
              "fallback": { "value": "head" }
            }
            """;
        Errors(Document(accountable: accountable)).Should().Equal(
            "$.routing.accountable.rows[2]: Rows 'acc-major' and 'acc-kind' of the accountable table can match the same ticket with equal priority 0; give one a higher priority or narrow its conditions.",
            "$.routing.accountable.rows[2]: Rows 'acc-general' and 'acc-kind' of the accountable table can match the same ticket with equal priority 0; give one a higher priority or narrow its conditions.");
    }

    [Fact]
    public void R1_TwoDepartmentRowsForTheSameCategory_AreRejected()
    {
        const string department = """
            "department": {
              "rows": [
                { "id": "d-a", "when": { "categories": ["a"] }, "value": "dept-a" },
                { "id": "d-b", "when": { "categories": ["b", "a"] }, "value": "dept-b" }
              ],
              "fallback": { "value": "desk" }
            }
            """;
        Errors(Document(department: department, accountable: """ "accountable": { "rows": [], "fallback": { "value": "head" } } """)).Should().Equal(
            "$.routing.department.rows[1]: Rows 'd-a' and 'd-b' of the department table can match the same ticket with equal priority 0; give one a higher priority or narrow its conditions.");
    }

    [Fact]
    public void R2_UnknownRoleInARowAndInAFallback_IsRejectedNamingTheValue()
    {
        const string leader = """
            "leader": { "rows": [ { "id": "l-capital", "when": { "cityTiers": ["capital"] }, "value": "ceo" } ], "fallback": { "value": "chairman" } }
            """;
        Errors(Document(leader: leader)).Should().Equal(
            "$.routing.leader.rows[0].value: Unknown role 'ceo'; declare it in routing.roles.",
            "$.routing.leader.fallback.value: Unknown role 'chairman'; declare it in routing.roles.");
    }

    [Fact]
    public void R3_TableWithoutFallback_IsRejected()
    {
        Errors(Document(followUp: """ "followUp": { "rows": [ { "id": "f-major", "when": { "severities": ["major"] }, "value": "officer" } ] } """)).Should().Equal(
            "$.routing.followUp.fallback: The followUp table needs a fallback for tickets no row matches.");
    }

    [Fact]
    public void R1_MissingTable_IsRejected()
    {
        Errors(Document(leader: "")).Should().Equal(
            "$.routing.leader: The routing needs a 'leader' table: {\"rows\": [...], \"fallback\": {\"value\": ...}}.");
    }

    [Fact]
    public void R1_DepartmentTableConditionedOnDepartments_IsRejected()
    {
        const string department = """
            "department": {
              "rows": [
                { "id": "d-a", "when": { "categories": ["a"], "departments": ["dept-b"] }, "value": "dept-a" },
                { "id": "d-b", "when": { "categories": ["b"] }, "value": "dept-b" }
              ],
              "fallback": { "value": "desk" }
            }
            """;
        Errors(Document(department: department)).Should().Equal(
            "$.routing.department.rows[0].when.departments: The department table cannot condition on the department it decides.");
    }

    [Fact]
    public void R2_DepartmentConditionNamingADepartmentNeverDecided_IsRejected()
    {
        const string accountable = """
            "accountable": {
              "rows": [ { "id": "acc-legal", "priority": 1, "when": { "departments": ["legal", "dept-a", "desk"] }, "value": "head" } ],
              "fallback": { "value": "head" }
            }
            """;
        Errors(Document(accountable: accountable)).Should().Equal(
            "$.routing.accountable.rows[0].when.departments: Department 'legal' is never decided by the department table.");
    }

    [Fact]
    public void R1_UnknownPropertiesInARowAndItsConditions_AreRejectedAsTypos()
    {
        const string department = """
            "department": {
              "rows": [
                { "id": "d-a", "prio": 2, "when": { "categories": ["a"] }, "value": "dept-a" },
                { "id": "d-b", "when": { "categories": ["b"], "severitys": ["major"] }, "value": "dept-b" }
              ],
              "fallback": { "value": "desk", "when": { "categories": ["b"] } }
            }
            """;
        Errors(Document(department: department)).Should().Equal(
            "$.routing.department.rows[0].prio: Unknown property 'prio'; expected one of: id, rule, priority, when, value, cooperating.",
            "$.routing.department.rows[1].when.severitys: Unknown property 'severitys'; expected one of: kinds, categories, severities, cityTiers, departments.",
            "$.routing.department.fallback.when: Unknown property 'when'; expected one of: id, value, cooperating.");
    }

    [Fact]
    public void R1_NoRolesDeclared_IsRejectedAndEveryRoleValueIsUnknown()
    {
        Errors(Document(roles: "[]", accountable: """ "accountable": { "rows": [], "fallback": { "value": "head" } } """,
            leader: """ "leader": { "rows": [], "fallback": { "value": "pgm" } } """)).Should().Equal(
            "$.routing.roles: List the roles the tables may name, for example [\"head-of-department\", \"project-general-manager\"].",
            "$.routing.accountable.fallback.value: Unknown role 'head'; declare it in routing.roles.",
            "$.routing.leader.fallback.value: Unknown role 'pgm'; declare it in routing.roles.",
            "$.routing.followUp.fallback.value: Unknown role 'officer'; declare it in routing.roles.");
    }

    [Fact]
    public void R1_DuplicateRowId_IsRejected()
    {
        const string leader = """
            "leader": {
              "rows": [
                { "id": "l", "when": { "cityTiers": ["capital"] }, "value": "area-leader" },
                { "id": "l", "when": { "cityTiers": ["third-tier"] }, "value": "pgm" }
              ],
              "fallback": { "value": "pgm" }
            }
            """;
        Errors(Document(leader: leader)).Should().Equal("$.routing.leader.rows[1].id: Row id 'l' is used twice in the leader table.");
    }

    [Fact]
    public void R1R2R3_UnmatchedTicket_GetsTheConfiguredFallbacks_NeverAnException()
    {
        var routing = PolicyDocument.LoadRulebook(Document()).Value.Routing!;
        var act = () => routing.Decide(new RouteRequest("parcel", null, "whatever"));
        var route = act.Should().NotThrow().Subject;
        route.Department.Should().Be("desk");
        route.Cooperating.Should().BeEmpty();
        route.AccountableRole.Should().Be("head");
        route.LeaderRole.Should().Be("pgm");
        route.FollowUpRole.Should().Be("officer");
        route.ContactOwner.Should().Be("desk");
        route.DecidedBy.Should().Equal("d-none (fallback)", "fallback (fallback)", "fallback (fallback)", "f (fallback)");
    }

    [Fact]
    public void R1_RowConditionThatIsNotAnObject_IsRejected()
    {
        const string department = """
            "department": {
              "rows": [
                { "id": "d-a", "when": { "categories": ["a"] }, "value": "dept-a" },
                { "id": "d-b", "priority": 1, "when": "complaint", "value": "dept-b" }
              ],
              "fallback": { "value": "desk" }
            }
            """;
        var result = PolicyDocument.LoadRulebook(Document(department: department));
        result.IsSuccess.Should().BeFalse();
        result.ValidationErrors.Select(e => e.Identifier).Should().Contain("$.routing.department.rows[1].when");
    }

    [Fact]
    public void R1_DepartmentTableWithoutFallback_OnlyTheMissingFallbackIsReported()
    {
        const string department = """
            "department": { "rows": [ { "id": "d-a", "when": { "categories": ["a"] }, "value": "dept-a" }, { "id": "d-b", "when": { "categories": ["b"] }, "value": "dept-b" } ] }
            """;
        // The accountable table's row acc-major-b conditions on dept-b, which row d-b decides.
        Errors(Document(department: department)).Should().Equal(
            "$.routing.department.fallback: The department table needs a fallback for tickets no row matches.");
    }
}
