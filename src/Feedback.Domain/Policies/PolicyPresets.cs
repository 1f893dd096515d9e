using Ardalis.Result;
using Feedback.Sla;

namespace Feedback.Policies;

/// <summary>
/// Policies shipped with the library that express the source documents, as JSON documents a vendor
/// can copy and adapt (they are in the repository under <c>src/Feedback.Domain/Policies/Presets/</c>).
/// </summary>
/// <remarks>Thread-safe; each preset is loaded once, on first use.</remarks>
public static class PolicyPresets
{
    private static readonly Lazy<Rulebook> D = new(() => LoadShipped("d-after-sales-complaints"));
    private static readonly Lazy<Rulebook> B = new(() => LoadShipped("b-property-management"));
    private static readonly Lazy<Rulebook> C = new(() => LoadShipped("c-service-standard"));
    private static readonly Lazy<Rulebook> A1 = new(() => LoadShipped("a1-follow-up"));
    private static readonly Lazy<Rulebook> A2 = new(() => LoadShipped("a2-follow-up"));
    private static readonly Lazy<Rulebook> A3 = new(() => LoadShipped("a3-follow-up"));

    /// <summary>The names of the shipped presets.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["d-after-sales-complaints", "b-property-management", "c-service-standard", "a1-follow-up", "a2-follow-up", "a3-follow-up"];

    /// <summary>A1's follow-up rules: complaints 100 %, repairs 50 %, special services 30 % (mid-term and after the contract), households quarterly.</summary>
    public static Rulebook FollowUpA1 => A1.Value;

    /// <summary>A2's follow-up rules: complaints 100 %, repairs 20 % within a month, others set per site.</summary>
    public static Rulebook FollowUpA2 => A2.Value;

    /// <summary>A3's follow-up rules: complaints 100 %, repairs 30 % after one and within two months, services and help 30 %, events 10 %.</summary>
    public static Rulebook FollowUpA3 => A3.Value;

    /// <summary>D: a national developer's after-sales complaint measures (supervision orders, T8-T14).</summary>
    public static SlaPolicy AfterSalesComplaints => D.Value.Sla;

    /// <summary>D's whole rulebook: SLA targets, routing R1-R2 and penalties P1-P4.</summary>
    public static Rulebook AfterSalesComplaintsRulebook => D.Value;

    /// <summary>B: a property-management plan's help requests and repairs (T1-T3).</summary>
    public static SlaPolicy PropertyManagement => B.Value.Sla;

    /// <summary>B's whole rulebook: SLA targets and routing with the follow-up owners of R3.</summary>
    public static Rulebook PropertyManagementRulebook => B.Value;

    /// <summary>C: hotline and customer-service regulations (T4-T7, T15, calendars W1 and W2).</summary>
    public static SlaPolicy ServiceStandard => C.Value.Sla;

    /// <summary>C's whole rulebook: SLA targets, calendars W1-W2 and the W2 duty roster.</summary>
    public static Rulebook ServiceStandardRulebook => C.Value;

    /// <summary>The JSON text of a shipped preset, to copy and adapt.</summary>
    /// <param name="name">One of <see cref="Names"/>.</param>
    /// <returns>The document, or a not-found result naming the known presets.</returns>
    public static Result<string> Document(string name)
    {
        using var stream = typeof(PolicyPresets).Assembly.GetManifestResourceStream($"Feedback.Policies.Presets.{name}.json");
        if (stream is null)
        {
            return Result<string>.NotFound($"No preset '{name}'; known: {string.Join(", ", Names)}.");
        }

        using var reader = new StreamReader(stream);
        return Result<string>.Success(reader.ReadToEnd());
    }

    private static Rulebook LoadShipped(string name)
    {
        var loaded = PolicyDocument.LoadRulebook(Document(name).Value);
        return loaded.IsSuccess
            ? loaded.Value
            : throw new InvalidOperationException($"Shipped preset '{name}' is invalid: " + string.Join("; ", loaded.ValidationErrors.Select(e => $"{e.Identifier}: {e.ErrorMessage}")));
    }
}
