using Feedback.Policies;
using Feedback.Sla;
using FluentAssertions;
using NodaTime;
using static Feedback.Tests.Calendars.TestCalendars;

namespace Feedback.Tests.Sla;

public class SlaSmokeTests
{
    [Fact]
    public void Presets_AllLoad()
    {
        PolicyPresets.AfterSalesComplaints.Targets.Should().NotBeEmpty();
        PolicyPresets.PropertyManagement.Targets.Should().NotBeEmpty();
        PolicyPresets.ServiceStandard.Targets.Should().NotBeEmpty();
    }

    [Fact]
    public void T4ComplaintFeedback_CallEndsFriday1750_DueMonday1430()
    {
        var ticket = new Ticket("c1", "complaint", "general", [new TicketEvent("call-ended", Sh(2026, 3, 6, 17, 50))]);
        var policy = PolicyPresets.ServiceStandard;
        var results = policy.Evaluate(ticket, Sh(2026, 3, 9, 10, 0));
        var t4 = results.Single(r => r.Target.Id == "T4-complaint-feedback");
        t4.State.Should().Be(TargetState.Running);
        t4.Due.Should().Be(Sh(2026, 3, 9, 14, 30));
        t4.Elapsed.Should().Be(Duration.FromHours(1.5));
        var why = policy.Explain(ticket, Sh(2026, 3, 9, 10, 0));
        why["T4-complaint-feedback"].Should().Contain("call-ended");
    }

    [Fact]
    public void T11_AgreedEarlierThanOrder_ExplainsTheChoice()
    {
        var ticket = new Ticket("d1", "complaint", "general",
            [new TicketEvent("order-signed-off", Sh(2026, 3, 2, 10, 0))],
            fields: new Dictionary<string, Instant> { ["required-completion"] = Sh(2026, 3, 5, 12, 0), ["agreed-completion"] = Sh(2026, 3, 4, 18, 0) });
        var policy = PolicyPresets.AfterSalesComplaints;
        var t11 = policy.Evaluate(ticket, Sh(2026, 3, 3, 10, 0)).Single(r => r.Target.Id == "T11-completion");
        t11.Due.Should().Be(Sh(2026, 3, 4, 18, 0));
        policy.Explain(ticket, Sh(2026, 3, 3, 10, 0))["T11-completion"].Should().Contain("agreed 2026-03-04 18:00:00 is earlier than order 2026-03-05 12:00:00");
    }
}

public class SlaPolicyValidationTests
{
    [Fact]
    public void Validate_TicketWithAMisspeltEvent_NamesItsIndexAndName()
    {
        var ticket = new Ticket("c9", "complaint", "general",
            [new TicketEvent("call-ended", Sh(2026, 3, 2, 9, 0)), new TicketEvent("visted", Sh(2026, 3, 2, 10, 0))]);
        var result = PolicyPresets.AfterSalesComplaints.Validate(ticket);
        result.ValidationErrors.Select(e => e.Identifier + ": " + e.ErrorMessage).Should().Equal(
            "events[1].name: Ticket 'c9': unknown event 'visted' at 2026-03-02T02:00:00Z; policy 'd-after-sales-complaints' does not know it (declare it in \"events\" or fix the name).");
        PolicyPresets.AfterSalesComplaints.Validate(ticket.WithEvent("visited", Sh(2026, 3, 2, 11, 0))).IsSuccess.Should().BeFalse();
    }

    [Fact]
    public void Validate_T2AppointmentRepairWithoutAppointment_NamesTheMissingField()
    {
        var ticket = new Ticket("r1", "repair", "general", [new TicketEvent("slip-taken", Sh(2026, 3, 2, 9, 0))], category: "paid-appointment");
        PolicyPresets.PropertyManagement.Validate(ticket).ValidationErrors.Select(e => e.Identifier + ": " + e.ErrorMessage).Should().Equal(
            "fields.appointment: Ticket 'r1': target 'T2-onsite-appointment' takes its due time from field 'appointment', which the ticket does not have; it will have no due time.");
        PolicyPresets.PropertyManagement.Validate(ticket.WithField("appointment", Sh(2026, 3, 2, 14, 0))).IsSuccess.Should().BeTrue();
    }

    [Fact]
    public void Load_DurationLongerThanTenYears_IsRejected()
    {
        const string json = """{ "id": "p", "zone": "UTC", "targets": [ { "id": "t", "start": "received", "stop": "closed", "within": "P100000D" } ] }""";
        PolicyDocument.Load(json).ValidationErrors.Select(e => e.Identifier + ": " + e.ErrorMessage).Should().Equal(
            "$.targets[0].within: Duration 'P100000D' is longer than 3650 days; SLA durations are limited to ten years.");
    }
}
