using Feedback.Policies;
using Feedback.Ports;
using Feedback.Reminders;
using Feedback.Sla;
using Feedback.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;

namespace Feedback.Hosting;

/// <summary>Options of <see cref="FeedbackServiceCollectionExtensions.AddFeedback"/>.</summary>
/// <remarks>Mutable: configure inside the callback only.</remarks>
public sealed class FeedbackOptions
{
    /// <summary>The rulebook document (JSON). Give this or <see cref="Preset"/>.</summary>
    public string? RulebookJson { get; set; }

    /// <summary>A shipped preset name (see <see cref="PolicyPresets.Names"/>). Give this or <see cref="RulebookJson"/>.</summary>
    public string? Preset { get; set; }

    /// <summary>Holiday data and zones used to load the document.</summary>
    public PolicyLoadOptions LoadOptions { get; set; } = PolicyLoadOptions.Default;

    /// <summary>What reminders to send.</summary>
    public ReminderOptions Reminders { get; set; } = new();

    /// <summary>The clock; default <see cref="SystemClock.Instance"/> (the domain itself never reads a clock).</summary>
    public IClock? Clock { get; set; }
}

/// <summary>Thrown at start-up when the Feedback configuration is invalid; lists every problem.</summary>
public sealed class FeedbackConfigurationException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="problems">Every problem, with its path.</param>
    public FeedbackConfigurationException(IReadOnlyList<string> problems)
        : base("Invalid Feedback configuration:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  " + p)))
    {
        Problems = problems;
    }

    /// <summary>Every problem, with its path.</summary>
    public IReadOnlyList<string> Problems { get; }
}

/// <summary>Registers Feedback in a service collection.</summary>
public static class FeedbackServiceCollectionExtensions
{
    /// <summary>
    /// Loads and validates the rulebook now (at start-up: an invalid document throws
    /// <see cref="FeedbackConfigurationException"/> listing every problem), then registers the
    /// <see cref="Rulebook"/>, its <see cref="SlaPolicy"/>, the <see cref="IClock"/>, the
    /// <see cref="ReminderPlanner"/> and <see cref="ReminderRunner"/>, and the in-memory store for every
    /// store port not registered already (register an adapter such as the SQLite one before or after
    /// to replace it).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddFeedback(this IServiceCollection services, Action<FeedbackOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new FeedbackOptions();
        configure(options);
        var rulebook = Load(options);

        services.AddSingleton(options);
        services.AddSingleton(rulebook);
        services.AddSingleton(rulebook.Sla);
        services.TryAddSingleton(options.Clock ?? SystemClock.Instance);
        services.AddSingleton(new ReminderPlanner(rulebook.Sla, options.Reminders));
        services.TryAddSingleton<InMemoryFeedbackStore>();
        services.TryAddSingleton<ITicketStore>(sp => sp.GetRequiredService<InMemoryFeedbackStore>());
        services.TryAddSingleton<IFollowUpStore>(sp => sp.GetRequiredService<InMemoryFeedbackStore>());
        services.TryAddSingleton<ILedgerStore>(sp => sp.GetRequiredService<InMemoryFeedbackStore>());
        services.TryAddSingleton<INotificationOutbox>(sp => sp.GetRequiredService<InMemoryFeedbackStore>());
        services.TryAddSingleton(sp => new ReminderRunner(sp.GetRequiredService<ReminderPlanner>(), sp.GetRequiredService<INotificationOutbox>(), sp.GetRequiredService<INotificationSender>()));
        return services;
    }

    private static Rulebook Load(FeedbackOptions options)
    {
        if ((options.RulebookJson is null) == (options.Preset is null))
        {
            throw new FeedbackConfigurationException(["options: give exactly one of RulebookJson and Preset."]);
        }

        string json;
        if (options.Preset is { } preset)
        {
            var document = PolicyPresets.Document(preset);
            if (!document.IsSuccess)
            {
                throw new FeedbackConfigurationException([$"options.Preset: {string.Join("; ", document.Errors)}"]);
            }

            json = document.Value;
        }
        else
        {
            json = options.RulebookJson!;
        }

        var loaded = PolicyDocument.LoadRulebook(json, options.LoadOptions);
        return loaded.IsSuccess
            ? loaded.Value
            : throw new FeedbackConfigurationException([.. loaded.ValidationErrors.Select(e => $"{e.Identifier}: {e.ErrorMessage}"), .. loaded.Errors]);
    }
}
