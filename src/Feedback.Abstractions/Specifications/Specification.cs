using System.Linq.Expressions;

namespace Feedback.Specifications;

/// <summary>
/// A named query criterion over <typeparamref name="T"/>, as an expression so that the same
/// specification filters in memory (<see cref="IsSatisfiedBy"/>), on any <see cref="IQueryable{T}"/>
/// (<see cref="Apply"/>), and can be translated by a storage adapter to its own query language.
/// </summary>
/// <remarks>
/// A deliberately small abstraction of our own (Ardalis.Specification is not available to this
/// project's build): criteria, a name for logs, and <see cref="And"/>, <see cref="Or"/>, <see cref="Not"/>.
/// Immutable and thread-safe.
/// </remarks>
/// <typeparam name="T">What is queried.</typeparam>
public abstract class Specification<T>
{
    private readonly Lazy<Func<T, bool>> _compiled;

    /// <summary>Creates a specification.</summary>
    protected Specification()
    {
        _compiled = new Lazy<Func<T, bool>>(() => Criteria.Compile(), LazyThreadSafetyMode.PublicationOnly);
    }

    /// <summary>The criterion.</summary>
    public abstract Expression<Func<T, bool>> Criteria { get; }

    /// <summary>A name for logs and explanations, for example "open tickets of department engineering".</summary>
    public abstract string Name { get; }

    /// <summary>Whether <paramref name="candidate"/> satisfies the criterion (compiled once).</summary>
    /// <param name="candidate">The candidate.</param>
    public bool IsSatisfiedBy(T candidate) => _compiled.Value(candidate);

    /// <summary>Filters a query by the criterion.</summary>
    /// <param name="query">The query.</param>
    public IQueryable<T> Apply(IQueryable<T> query) => Queryable.Where(query, Criteria);

    /// <summary>Both criteria.</summary>
    /// <param name="other">The other specification.</param>
    public Specification<T> And(Specification<T> other) => Combine(other, Expression.AndAlso, "and");

    /// <summary>Either criterion.</summary>
    /// <param name="other">The other specification.</param>
    public Specification<T> Or(Specification<T> other) => Combine(other, Expression.OrElse, "or");

    /// <summary>The opposite criterion.</summary>
    public Specification<T> Not()
    {
        // Read Criteria once: an implementation may build a new lambda (with a new parameter) on every read.
        var criteria = Criteria;
        return new ExpressionSpecification<T>($"not ({Name})", Expression.Lambda<Func<T, bool>>(Expression.Not(criteria.Body), criteria.Parameters));
    }

    /// <inheritdoc/>
    public override string ToString() => Name;

    private ExpressionSpecification<T> Combine(Specification<T> other, Func<Expression, Expression, BinaryExpression> join, string word)
    {
        ArgumentNullException.ThrowIfNull(other);
        var left = Criteria;
        var otherCriteria = other.Criteria;
        var parameter = left.Parameters[0];
        var right = new Rebind(otherCriteria.Parameters[0], parameter).Visit(otherCriteria.Body);
        return new ExpressionSpecification<T>($"({Name}) {word} ({other.Name})", Expression.Lambda<Func<T, bool>>(join(left.Body, right), parameter));
    }

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}

/// <summary>A specification made from an expression.</summary>
/// <typeparam name="T">What is queried.</typeparam>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class ExpressionSpecification<T> : Specification<T>
{
    /// <summary>Creates a specification.</summary>
    /// <param name="name">A name for logs.</param>
    /// <param name="criteria">The criterion.</param>
    public ExpressionSpecification(string name, Expression<Func<T, bool>> criteria)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(criteria);
        Name = name;
        Criteria = criteria;
    }

    /// <inheritdoc/>
    public override Expression<Func<T, bool>> Criteria { get; }

    /// <inheritdoc/>
    public override string Name { get; }
}
