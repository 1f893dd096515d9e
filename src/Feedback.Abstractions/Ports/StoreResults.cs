using System.Globalization;
using Ardalis.Result;

namespace Feedback.Ports;

/// <summary>Results every storage adapter returns alike, so hosts see the same messages whatever the store.</summary>
public static class StoreResults
{
    /// <summary>The conflict of an optimistic save: someone else saved since the writer read.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="what">ticket, follow-up.</param>
    /// <param name="id">The record's id.</param>
    /// <param name="expected">The version the writer read.</param>
    /// <param name="stored">The version stored now.</param>
    public static Result<T> Conflict<T>(string what, string id, long expected, long stored) =>
        Result<T>.Conflict(string.Create(CultureInfo.InvariantCulture,
            $"Conflict: {what} '{id}' was saved by someone else (you read version {expected}, the store has version {stored}); reload it and apply your change again."));
}
