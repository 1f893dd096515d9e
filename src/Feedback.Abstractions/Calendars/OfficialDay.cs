using NodaTime;

namespace Feedback.Calendars;

/// <summary>
/// One entry of an official holiday schedule: a date that is a day off although it would
/// normally be worked (<see cref="IsOffDay"/> is <c>true</c>), or a weekend date declared a
/// working day (a make-up working day, 调休; <see cref="IsOffDay"/> is <c>false</c>).
/// </summary>
/// <remarks>Immutable and thread-safe. Equality is by value of all three members.</remarks>
/// <param name="Date">The local date in the schedule's region.</param>
/// <param name="IsOffDay"><c>true</c> for a day off; <c>false</c> for a declared working day.</param>
/// <param name="Name">The holiday the entry belongs to (for example "春节"), or <c>null</c>.</param>
public readonly record struct OfficialDay(LocalDate Date, bool IsOffDay, string? Name);
