using System.Collections.Immutable;
using Feedback.Ports;

namespace Feedback.Routing;

/// <summary>Turns a route's roles into people through the host's <see cref="IDirectory"/>.</summary>
public static class RouteExtensions
{
    /// <summary>
    /// Asks the directory who holds each role of the route (accountable, supervising leader, follow-up
    /// owner), keyed by the names penalty schedules use: <c>accountable</c>, <c>supervising-leader</c>,
    /// <c>follow-up-owner</c>. Roles nobody holds are left out (a penalty line for them is then kept with
    /// no person, never dropped).
    /// </summary>
    /// <param name="route">The route.</param>
    /// <param name="directory">The host's directory.</param>
    /// <param name="project">The ticket's project, or <c>null</c>.</param>
    /// <param name="cancellationToken">Cancels the look-ups.</param>
    /// <returns>Role name to the id of the first person holding it.</returns>
    public static async ValueTask<ImmutableDictionary<string, string>> ResolvePeopleAsync(this Route route, IDirectory directory, string? project, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(directory);
        var people = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (key, role) in new[] { ("accountable", route.AccountableRole), ("supervising-leader", route.LeaderRole), ("follow-up-owner", route.FollowUpRole) })
        {
            var found = await directory.FindAsync(new RoleQuery(role, route.Department, project), cancellationToken).ConfigureAwait(false);
            if (found.Count > 0)
            {
                people[key] = found[0].Id;
            }
        }

        return people.ToImmutable();
    }
}
