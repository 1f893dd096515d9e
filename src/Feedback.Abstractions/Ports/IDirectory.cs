namespace Feedback.Ports;

/// <summary>A person the host's directory knows.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
/// <param name="Id">The host's id for the person.</param>
/// <param name="DisplayName">A name to show.</param>
public sealed record Person(string Id, string DisplayName);

/// <summary>Who holds a role for a ticket: the role and what it depends on.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
/// <param name="Role">The role, for example <c>head-of-department</c> or <c>project-general-manager</c>.</param>
/// <param name="Department">The department the role belongs to, or <c>null</c>.</param>
/// <param name="Project">The ticket's project, or <c>null</c>.</param>
public sealed record RoleQuery(string Role, string? Department, string? Project);

/// <summary>
/// Port through which the host resolves roles to people (R1-R5: who heads which department, who
/// supervises which project). The library never hard-codes names.
/// </summary>
/// <remarks>Implementations must be thread-safe.</remarks>
public interface IDirectory
{
    /// <summary>The people who hold <paramref name="query"/>'s role; empty when nobody does.</summary>
    /// <param name="query">The role, department and project.</param>
    /// <param name="cancellationToken">Cancels the look-up.</param>
    ValueTask<IReadOnlyList<Person>> FindAsync(RoleQuery query, CancellationToken cancellationToken = default);
}
