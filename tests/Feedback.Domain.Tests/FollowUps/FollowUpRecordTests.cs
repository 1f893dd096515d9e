using Ardalis.Result;
using Feedback.FollowUps;
using Feedback.Sla;
using FluentAssertions;
using static Feedback.Tests.Calendars.TestCalendars;
using static Feedback.Tests.FollowUps.FollowUpFixtures;

namespace Feedback.Tests.FollowUps;

/// <summary>F4 (methods and evidence), F5 (re-visits) and F6 (an unsatisfactory follow-up becomes a complaint).</summary>
public class FollowUpRecordTests
{
    private static FollowUpRecord Record(string method, params string[] evidence) =>
        new() { ItemId = "c1", Method = method, At = Sh(2026, 3, 3, 10, 0), Satisfied = true, Evidence = [.. evidence] };

    private static (string Identifier, string Message) SingleError(Result<FollowUpRecord> result)
    {
        result.Status.Should().Be(ResultStatus.Invalid);
        var error = result.ValidationErrors.Should().ContainSingle().Subject;
        return (error.Identifier, error.ErrorMessage);
    }

    // ---- F4 ----

    [Fact]
    public void F4_HomeVisit_NeedsTheCustomersSignature()
    {
        SingleError(Preset("B").Validate(Record("home-visit"))).Should().Be(("evidence",
            "Follow-up record for 'c1': a home-visit follow-up needs evidence 'signature' (F4); it has: none."));
        Preset("B").Validate(Record("home-visit", "signature")).IsSuccess.Should().BeTrue();
    }

    [Fact]
    public void F4_HomeVisit_WithOtherEvidenceOnly_IsRejectedAndListsWhatItHas()
    {
        SingleError(Preset("A1").Validate(Record("home-visit", "phone-mark", "photo"))).Message.Should().Be(
            "Follow-up record for 'c1': a home-visit follow-up needs evidence 'signature' (F4); it has: phone-mark, photo.");
    }

    [Fact]
    public void F4_Phone_NeedsThePhoneFollowUpMark()
    {
        SingleError(Preset("A1").Validate(Record("phone", "signature"))).Should().Be(("evidence",
            "Follow-up record for 'c1': a phone follow-up needs evidence 'phone-mark' (F4); it has: signature."));
        Preset("A1").Validate(Record("phone", "phone-mark")).IsSuccess.Should().BeTrue();
    }

    [Fact]
    public void F4_SiteWalk_NeedsNoEvidence()
    {
        var record = Record("site-walk");
        Preset("A3").Validate(record).Value.Should().BeSameAs(record);
    }

    [Fact]
    public void F4_UnknownMethod_IsRejectedListingTheKnownOnes()
    {
        SingleError(Preset("A2").Validate(Record("email", "signature"))).Should().Be(("method",
            "Follow-up record for 'c1': unknown method 'email'; known: home-visit, phone, site-walk."));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void F4_VisitBelowOne_IsRejected(int visit)
    {
        SingleError(Preset("B").Validate(Record("site-walk") with { Visit = visit })).Should().Be(("visit",
            $"Follow-up record for 'c1': visit must be 1 or more, was {visit}."));
    }

    [Fact]
    public void F4_MethodsAndEvidence_AreConfigurable()
    {
        var policy = Load("""{ "seed": "x", "methods": { "video-call": ["recording", "consent"] }, "kinds": [ { "kind": "complaint", "rate": 100 } ] }""");
        policy.Methods.Keys.Should().Equal("video-call");
        SingleError(policy.Validate(Record("video-call", "recording"))).Message.Should().Be(
            "Follow-up record for 'c1': a video-call follow-up needs evidence 'consent' (F4); it has: recording.");
        SingleError(policy.Validate(Record("phone", "phone-mark"))).Message.Should().Be(
            "Follow-up record for 'c1': unknown method 'phone'; known: video-call.");
        policy.Validate(Record("video-call", "consent", "recording")).IsSuccess.Should().BeTrue();
    }

    // ---- F5, F6 ----

    [Fact]
    public void F6_Satisfied_LeadsToNothing()
    {
        var outcome = Preset("B").Assess(Item("c1", "complaint", Sh(2026, 3, 1, 9, 0)), Record("phone", "phone-mark"));
        outcome.Should().BeEquivalentTo(new FollowUpOutcome(true, null, null, []));
    }

    [Fact]
    public void F6_Unsatisfied_OpensAComplaintWithTheSameSeverityReceivedAtTheFollowUp()
    {
        var item = Item("r7", "repair", Sh(2026, 3, 1, 9, 0), severity: "important");
        var record = new FollowUpRecord { ItemId = "r7", Method = "home-visit", At = Sh(2026, 3, 20, 15, 45), Satisfied = false, Evidence = ["signature"] };
        var outcome = Preset("B").Assess(item, record);

        outcome.Satisfied.Should().BeFalse();
        var complaint = outcome.NewComplaint!;
        complaint.Id.Should().Be("r7/follow-up-1");
        complaint.Kind.Should().Be("complaint", "an unsatisfactory follow-up of any kind is handled by the complaint procedure");
        complaint.Severity.Should().Be("important");
        complaint.Events.Should().Equal(new TicketEvent("received", Sh(2026, 3, 20, 15, 45)));
        outcome.NextVisit.Should().Be(2);
    }

    [Theory]
    [InlineData(1, 2, new[] { "home-visit", "site-walk" })] // the first re-visit (visit 2) is in person
    [InlineData(2, 3, new[] { "home-visit", "phone", "site-walk" })] // from the third visit on, phone is allowed (B: phoneAllowedFromVisit 3)
    [InlineData(5, 6, new[] { "home-visit", "phone", "site-walk" })]
    public void F5_Revisit_PhoneOnlyFromTheThirdVisit(int visit, int next, string[] methods)
    {
        var record = Record("home-visit", "signature") with { Satisfied = false, Visit = visit };
        var outcome = Preset("B").Assess(Item("c1", "complaint", Sh(2026, 3, 1, 9, 0)), record);
        outcome.NextVisit.Should().Be(next);
        outcome.AllowedMethods.Should().Equal(methods);
        outcome.NewComplaint!.Id.Should().Be($"c1/follow-up-{visit}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(9)]
    public void F5_Revisit_OfAMajorComplaint_IsNeverByPhone(int visit)
    {
        var record = Record("home-visit", "signature") with { Satisfied = false, Visit = visit };
        var outcome = Preset("B").Assess(Item("c1", "complaint", Sh(2026, 3, 1, 9, 0), severity: "major"), record);
        outcome.NextVisit.Should().Be(visit + 1);
        outcome.AllowedMethods.Should().Equal("home-visit", "site-walk");
        outcome.NewComplaint!.Severity.Should().Be("major");
    }

    [Fact]
    public void F5_RevisitRules_AreConfigurable()
    {
        var policy = Load("""{ "seed": "x", "revisits": { "phoneAllowedFromVisit": 2, "inPersonSeverities": ["group", "common"] }, "kinds": [ { "kind": "complaint", "rate": 100 } ] }""");
        var record = Record("home-visit", "signature") with { Satisfied = false };
        policy.Assess(Item("c1", "complaint", Sh(2026, 3, 1, 9, 0), severity: "major"), record).AllowedMethods.Should().Equal("home-visit", "phone", "site-walk");
        policy.Assess(Item("c1", "complaint", Sh(2026, 3, 1, 9, 0), severity: "group"), record).AllowedMethods.Should().Equal("home-visit", "site-walk");
    }
}
