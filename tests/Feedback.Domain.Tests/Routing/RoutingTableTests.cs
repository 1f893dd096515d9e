using Feedback.Policies;
using Feedback.Routing;
using FluentAssertions;

namespace Feedback.Tests.Routing;

/// <summary>Every row of D's shipped routing tables (R1, R2, follow-up fallback), checked against RULES.md §4 by hand.</summary>
public class AfterSalesRoutingTableTests
{
    private static readonly RoutingPolicy _routing = PolicyPresets.AfterSalesComplaintsRulebook.Routing!;

    private static Route General(string? category, string? cityTier = null) =>
        _routing.Decide(new RouteRequest("complaint", category, "general", cityTier));

    // ---- R1: category -> first-responsible department + cooperating departments (D 20) ----

    [Fact]
    public void R1_SalesContract_GoesToMarketingWithFinanceAndTreasury()
    {
        var route = General("sales-contract");
        route.Department.Should().Be("marketing");
        route.Cooperating.Should().Equal("finance", "treasury");
        route.DecidedBy[0].Should().Be("R1-sales-contract");
    }

    [Fact]
    public void R1_CertificatesAndProgressDelay_GoesToMarketingWithDevelopmentAndEngineering()
    {
        var route = General("certificates-delay");
        route.Department.Should().Be("marketing");
        route.Cooperating.Should().Equal("development", "engineering");
        route.DecidedBy[0].Should().Be("R1-certificates-delay");
    }

    [Fact]
    public void R1_QualityDelay_GoesToEngineeringWithMarketingAndPropertyCompany()
    {
        var route = General("quality-delay");
        route.Department.Should().Be("engineering");
        route.Cooperating.Should().Equal("marketing", "property-company");
        route.DecidedBy[0].Should().Be("R1-quality-delay");
    }

    [Theory]
    [InlineData("planning-design")]
    [InlineData("amenities")]
    public void R1_PlanningDesignAndAmenities_GoToMarketingWithChiefEngineerEngineeringDevelopmentAndPropertyCompany(string category)
    {
        var route = General(category);
        route.Department.Should().Be("marketing");
        route.Cooperating.Should().Equal("chief-engineer-office", "engineering", "development", "property-company");
        route.DecidedBy[0].Should().Be("R1-planning-amenities");
    }

    [Fact]
    public void R1_Leasing_GoesToCommercialManagementWithChiefEngineerEngineeringDevelopmentAndPropertyCompany()
    {
        var route = General("leasing");
        route.Department.Should().Be("commercial-management");
        route.Cooperating.Should().Equal("chief-engineer-office", "engineering", "development", "property-company");
        route.DecidedBy[0].Should().Be("R1-leasing");
    }

    [Fact]
    public void R1_PropertyServicesAndMaintenance_GoesToPropertyCompanyWithEngineering()
    {
        var route = General("property-services");
        route.Department.Should().Be("property-company");
        route.Cooperating.Should().Equal("engineering");
        route.DecidedBy[0].Should().Be("R1-property-services");
    }

    [Theory]
    [InlineData("parking")]
    [InlineData(null)]
    public void R1_UnknownOrMissingCategory_GoesToTheCustomerServiceCentreByTheFallback(string? category)
    {
        var route = General(category);
        route.Department.Should().Be("customer-service-centre");
        route.Cooperating.Should().BeEmpty();
        route.DecidedBy[0].Should().Be("R1-unclassified (fallback)");
    }

    [Fact]
    public void R1_DepartmentTable_HasExactlyTheSixShippedRowsAndTheUnclassifiedFallback()
    {
        _routing.DepartmentTable.Rows.Select(r => r.Id).Should().BeEquivalentTo(
            "R1-sales-contract", "R1-certificates-delay", "R1-quality-delay", "R1-planning-amenities", "R1-leasing", "R1-property-services");
        _routing.DepartmentTable.Fallback.Id.Should().Be("R1-unclassified");
    }

    // ---- R2: accountable person (D 5, 21) ----

    [Theory]
    [InlineData("general")]
    [InlineData("important")]
    public void R2_GeneralOrImportantComplaint_AccountableIsTheHeadOfTheFirstResponsibleDepartment(string severity)
    {
        var route = _routing.Decide(new RouteRequest("complaint", "sales-contract", severity));
        route.AccountableRole.Should().Be("department-head");
        route.DecidedBy[1].Should().Be("R2-general");
    }

    [Theory]
    [InlineData("major")]
    [InlineData("group")]
    [InlineData("common")]
    public void R2_MajorGroupOrCommonComplaint_AccountableIsTheRegionalCompanyHead(string severity)
    {
        var route = _routing.Decide(new RouteRequest("complaint", "quality-delay", severity));
        route.AccountableRole.Should().Be("regional-company-head");
        route.DecidedBy[1].Should().Be("R2-major");
    }

    [Theory]
    [InlineData("major")]
    [InlineData("group")]
    [InlineData("common")]
    public void R2_MajorComplaintOfThePropertyCompany_AccountableIsThePropertyCompanyHead_PriorityRowBeatsR2Major(string severity)
    {
        // property-services -> property-company (R1); R2-major-property (priority 1) outranks R2-major (priority 0).
        var route = _routing.Decide(new RouteRequest("complaint", "property-services", severity));
        route.AccountableRole.Should().Be("property-company-head");
        route.DecidedBy[1].Should().Be("R2-major-property");
    }

    [Fact]
    public void R2_GeneralComplaintOfThePropertyCompany_AccountableIsStillTheDepartmentHead()
    {
        var route = _routing.Decide(new RouteRequest("complaint", "property-services", "general"));
        route.AccountableRole.Should().Be("department-head");
        route.DecidedBy[1].Should().Be("R2-general");
    }

    [Fact]
    public void R2_UnknownSeverity_AccountableIsTheDepartmentHeadByTheFallback()
    {
        var route = _routing.Decide(new RouteRequest("complaint", "leasing", "minor"));
        route.AccountableRole.Should().Be("department-head");
        route.DecidedBy[1].Should().Be("fallback (fallback)");
    }

    // ---- R2: supervising leader ----

    [Fact]
    public void R2_ProvincialCapitalProject_LeaderIsTheAreaLeader()
    {
        var route = General("sales-contract", "provincial-capital");
        route.LeaderRole.Should().Be("area-leader");
        route.DecidedBy[2].Should().Be("R2-leader-capital");
    }

    [Fact]
    public void R2_ThirdTierCityProject_LeaderIsTheProjectGeneralManager()
    {
        var route = General("sales-contract", "third-tier");
        route.LeaderRole.Should().Be("project-general-manager");
        route.DecidedBy[2].Should().Be("R2-leader-third-tier");
    }

    [Theory]
    [InlineData("provincial-capital")]
    [InlineData("third-tier")]
    [InlineData(null)]
    public void R2_PropertyCompanyComplaint_LeaderIsTheEngineeringQualityLeaderWhateverTheCityTier(string? cityTier)
    {
        var route = General("property-services", cityTier);
        route.LeaderRole.Should().Be("engineering-quality-leader");
        route.DecidedBy[2].Should().Be("R2-leader-property");
    }

    [Theory]
    [InlineData("second-tier")]
    [InlineData(null)]
    public void R2_OtherOrUnknownCityTier_LeaderIsTheAreaLeaderByTheFallback(string? cityTier)
    {
        var route = General("leasing", cityTier);
        route.LeaderRole.Should().Be("area-leader");
        route.DecidedBy[2].Should().Be("fallback (fallback)");
    }

    // ---- R1: the first-responsible department also does the follow-up ----

    [Theory]
    [InlineData("sales-contract", "major")]
    [InlineData("property-services", "general")]
    [InlineData(null, "minor")]
    public void R1_FollowUp_IsAlwaysTheFirstResponsibleDepartmentByTheFallback(string? category, string severity)
    {
        var route = _routing.Decide(new RouteRequest("complaint", category, severity));
        route.FollowUpRole.Should().Be("first-responsible-department");
        route.DecidedBy[3].Should().Be("R1-follow-up (fallback)");
    }

    // ---- Whole routes, DecidedBy and Explain ----

    [Fact]
    public void R1R2_MajorPropertyServicesInAProvincialCapital_WholeRouteAndDecidingRowsInTableOrder()
    {
        var route = _routing.Decide(new RouteRequest("complaint", "property-services", "major", "provincial-capital"));
        route.Should().BeEquivalentTo(new
        {
            Department = "property-company",
            AccountableRole = "property-company-head",
            LeaderRole = "engineering-quality-leader",
            FollowUpRole = "first-responsible-department",
            ContactOwner = "property-company",
        });
        route.Cooperating.Should().Equal("engineering");
        route.DecidedBy.Should().Equal("R1-property-services", "R2-major-property", "R2-leader-property", "R1-follow-up (fallback)");
    }

    [Fact]
    public void R1R2_UnmatchedTicket_GetsEveryFallbackAndNoException()
    {
        // Kind, category, severity and tier all unknown: every table falls back, nothing throws.
        var act = () => _routing.Decide(new RouteRequest("mystery", "unheard-of", "unheard-of", "unheard-of"));
        var route = act.Should().NotThrow().Subject;
        route.Department.Should().Be("customer-service-centre");
        route.Cooperating.Should().BeEmpty();
        route.AccountableRole.Should().Be("department-head");
        route.LeaderRole.Should().Be("area-leader");
        route.FollowUpRole.Should().Be("first-responsible-department");
        route.DecidedBy.Should().Equal("R1-unclassified (fallback)", "fallback (fallback)", "fallback (fallback)", "R1-follow-up (fallback)");
        route.DecidedBy.Should().OnlyContain(id => id.EndsWith("(fallback)", StringComparison.Ordinal));
    }

    [Fact]
    public void R1R2_Explain_QualityDelayGeneralThirdTier_NamesEveryDecidingRow()
    {
        string text = _routing.Explain(new RouteRequest("complaint", "quality-delay", "general", "third-tier"));
        text.Should().Be(
            "department engineering (R1-quality-delay) with marketing, property-company; accountable department-head (R2-general); "
            + "leader project-general-manager (R2-leader-third-tier); follow-up first-responsible-department (R1-follow-up (fallback)); "
            + "contact owner engineering.");
    }

    [Fact]
    public void R1R2R4_Explain_UnmatchedTicketReceivedByTheHotline_NamesTheFallbacksAndTheFirstContact()
    {
        string text = _routing.Explain(new RouteRequest("complaint", null, "minor", null, "hotline-agent-7"));
        text.Should().Be(
            "department customer-service-centre (R1-unclassified (fallback)); accountable department-head (fallback (fallback)); "
            + "leader area-leader (fallback (fallback)); follow-up first-responsible-department (R1-follow-up (fallback)); "
            + "contact owner hotline-agent-7 (first contact, R4).");
    }

    // ---- R4: first-contact responsibility ----

    [Fact]
    public void R4_FirstReceiverKnown_OwnsCustomerContactEvenThoughEngineeringDoesTheWork()
    {
        var route = _routing.Decide(new RouteRequest("complaint", "quality-delay", "general", FirstReceiver: "reception-wang"));
        route.Department.Should().Be("engineering");
        route.ContactOwner.Should().Be("reception-wang");
    }

    [Fact]
    public void R4_FirstReceiverUnknown_TheFirstResponsibleDepartmentOwnsCustomerContact()
    {
        var route = _routing.Decide(new RouteRequest("complaint", "leasing", "general"));
        route.ContactOwner.Should().Be("commercial-management");
    }
}

/// <summary>Every row of B's shipped routing tables (R3 follow-up owners and the department, accountable and leader fallbacks).</summary>
public class PropertyManagementRoutingTableTests
{
    private static readonly RoutingPolicy _routing = PolicyPresets.PropertyManagementRulebook.Routing!;

    private static Route Decide(string kind, string? category, string severity, string? firstReceiver = null) =>
        _routing.Decide(new RouteRequest(kind, category, severity, FirstReceiver: firstReceiver));

    // ---- Departments (K1: each class has its own procedure) ----

    [Fact]
    public void K1_Repair_GoesToEngineering()
    {
        var route = Decide("repair", "paid-now", "general");
        route.Department.Should().Be("engineering");
        route.DecidedBy[0].Should().Be("B-repairs");
    }

    [Theory]
    [InlineData("complaint")]
    [InlineData("help")]
    [InlineData("consultation")]
    public void K1_ComplaintHelpOrConsultation_GoesToCustomerService(string kind)
    {
        var route = Decide(kind, null, "general");
        route.Department.Should().Be("customer-service");
        route.DecidedBy[0].Should().Be("B-complaints-help");
    }

    [Fact]
    public void K1_Activity_GoesToCommunityCulture()
    {
        var route = Decide("activity", null, "general");
        route.Department.Should().Be("community-culture");
        route.DecidedBy[0].Should().Be("B-activities");
    }

    [Fact]
    public void K1_SecurityIncident_GoesToCustomerServiceByTheFallback()
    {
        var route = Decide("security", null, "general");
        route.Department.Should().Be("customer-service");
        route.Cooperating.Should().BeEmpty();
        route.DecidedBy[0].Should().Be("fallback (fallback)");
    }

    [Fact]
    public void R2_AccountableAndLeader_AreTheFallbacksDepartmentHeadAndProjectManager()
    {
        var route = Decide("complaint", null, "major");
        route.AccountableRole.Should().Be("department-head");
        route.LeaderRole.Should().Be("project-manager");
        route.DecidedBy[1].Should().Be("fallback (fallback)");
        route.DecidedBy[2].Should().Be("fallback (fallback)");
    }

    // ---- R3: who does the follow-up ----

    [Fact]
    public void R3_MajorComplaint_FollowedUpByTheManagementOfficeManager()
    {
        var route = Decide("complaint", null, "major");
        route.FollowUpRole.Should().Be("management-office-manager");
        route.DecidedBy[3].Should().Be("R3-major");
    }

    [Fact]
    public void R3_ImportantComplaint_FollowedUpByTheCustomerServiceDirector()
    {
        var route = Decide("complaint", null, "important");
        route.FollowUpRole.Should().Be("customer-service-director");
        route.DecidedBy[3].Should().Be("R3-important");
    }

    [Fact]
    public void R3_GeneralComplaint_FollowedUpByThePatrolOfficer()
    {
        var route = Decide("complaint", null, "general");
        route.FollowUpRole.Should().Be("patrol-officer");
        route.DecidedBy[3].Should().Be("R3-general");
    }

    [Theory]
    [InlineData("general")]
    [InlineData("major")]
    public void R3_Repair_FollowedUpByTheAreaOfficer_PriorityOverSeverity(string severity)
    {
        var route = Decide("repair", "paid-now", severity);
        route.FollowUpRole.Should().Be("area-officer");
        route.DecidedBy[3].Should().Be("R3-repair");
    }

    [Fact]
    public void R3_Activity_FollowedUpByTheCultureClerk()
    {
        var route = Decide("activity", null, "important");
        route.FollowUpRole.Should().Be("culture-clerk");
        route.DecidedBy[3].Should().Be("R3-activity");
    }

    [Fact]
    public void R3_KeyCustomerRepair_FollowedUpByTheProjectManager_KeyCustomerBeatsRepair()
    {
        // R3-key-customer (priority 2) outranks R3-repair (priority 1).
        var route = Decide("repair", "key-customer", "general");
        route.Department.Should().Be("engineering");
        route.FollowUpRole.Should().Be("project-manager");
        route.DecidedBy[3].Should().Be("R3-key-customer");
    }

    [Fact]
    public void R3_KeyCustomerMajorComplaint_FollowedUpByTheProjectManager_KeyCustomerBeatsSeverity()
    {
        var route = Decide("complaint", "key-customer", "major");
        route.FollowUpRole.Should().Be("project-manager");
        route.DecidedBy[3].Should().Be("R3-key-customer");
    }

    [Fact]
    public void R3_HelpRequestOfUnknownSeverity_FollowedUpByThePatrolOfficerByTheFallback()
    {
        var route = Decide("help", null, "minor");
        route.FollowUpRole.Should().Be("patrol-officer");
        route.DecidedBy[3].Should().Be("fallback (fallback)");
    }

    [Fact]
    public void R3_FollowUpTable_RowsAreTriedHighestPriorityFirst()
    {
        _routing.FollowUpTable.Rows.Select(r => r.Priority).Should().BeInDescendingOrder();
        _routing.FollowUpTable.Rows[0].Id.Should().Be("R3-key-customer");
    }

    [Fact]
    public void R3_Explain_KeyCustomerRepairReceivedByTheFrontDesk_NamesTheRowsAndTheFirstContact()
    {
        string text = _routing.Explain(new RouteRequest("repair", "key-customer", "general", null, "front-desk-li"));
        text.Should().Be(
            "department engineering (B-repairs); accountable department-head (fallback (fallback)); leader project-manager (fallback (fallback)); "
            + "follow-up project-manager (R3-key-customer); contact owner front-desk-li (first contact, R4).");
    }

    [Fact]
    public void R4_RepairWithoutAFirstReceiver_ContactOwnedByEngineering_WithOne_ByTheReceiver()
    {
        Decide("repair", "paid-now", "general").ContactOwner.Should().Be("engineering");
        Decide("repair", "paid-now", "general", "front-desk-li").ContactOwner.Should().Be("front-desk-li");
    }

    [Fact]
    public void R1R3_Roles_AreTheDeclaredOnesInOrdinalOrder()
    {
        _routing.Roles.Should().Equal(
            "area-officer", "culture-clerk", "customer-service-director", "department-head", "management-office-manager", "patrol-officer", "project-manager");
    }
}
