using System.Globalization;

namespace Feedback.Penalties;

/// <summary>An amount of money in a currency; exact decimal arithmetic.</summary>
/// <remarks>Immutable and thread-safe. Equality compares amount and currency (ordinal). Adding two
/// amounts of different currencies is a programmer error and throws.</remarks>
/// <param name="Amount">The amount.</param>
/// <param name="Currency">ISO 4217 code, for example <c>CNY</c>.</param>
public readonly record struct Money(decimal Amount, string Currency)
{
    /// <summary>Zero in <paramref name="currency"/>.</summary>
    /// <param name="currency">ISO 4217 code.</param>
    public static Money Zero(string currency) => new(0m, currency);

    /// <summary>The sum of two amounts of one currency.</summary>
    /// <exception cref="InvalidOperationException">The currencies differ.</exception>
    public static Money operator +(Money left, Money right) =>
        string.Equals(left.Currency, right.Currency, StringComparison.Ordinal)
            ? new Money(left.Amount + right.Amount, left.Currency)
            : throw new InvalidOperationException($"Cannot add {left} and {right}: the currencies differ.");

    /// <summary>The sum of two amounts of one currency.</summary>
    public static Money Add(Money left, Money right) => left + right;

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Amount:0.##} {Currency}");
}
