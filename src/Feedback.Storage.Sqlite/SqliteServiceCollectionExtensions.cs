using Feedback.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Feedback.Storage;

/// <summary>Registers the SQLite adapter.</summary>
public static class SqliteServiceCollectionExtensions
{
    /// <summary>Uses SQLite for every store port (replacing other registrations of them).</summary>
    /// <param name="services">The services.</param>
    /// <param name="connectionString">For example <c>Data Source=feedback.db</c>.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddFeedbackSqliteStorage(this IServiceCollection services, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        var store = new SqliteFeedbackStore(connectionString);
        services.Replace(ServiceDescriptor.Singleton(store));
        services.Replace(ServiceDescriptor.Singleton<ITicketStore>(store));
        services.Replace(ServiceDescriptor.Singleton<IFollowUpStore>(store));
        services.Replace(ServiceDescriptor.Singleton<ILedgerStore>(store));
        services.Replace(ServiceDescriptor.Singleton<INotificationOutbox>(store));
        return services;
    }
}
