using System.Reflection;
using System.Runtime.CompilerServices;
using Feedback.Calendars;
using FluentAssertions;

namespace Feedback.Tests.Design;

/// <summary>Rules of STYLE.md checked by reflection over the shipped assemblies.</summary>
public class DesignRuleTests
{
    private static readonly Assembly[] Shipped = [typeof(WorkingCalendar).Assembly, typeof(HolidaySchedule).Assembly];

    private static IEnumerable<Type> PublicTypes => Shipped.SelectMany(a => a.GetExportedTypes());

    [Fact]
    public void PublicClasses_AreSealedAbstractOrStatic()
    {
        PublicTypes.Where(t => t.IsClass && !t.IsSealed && !t.IsAbstract && !typeof(Delegate).IsAssignableFrom(t))
            .Should().BeEmpty("public classes are sealed (or abstract/static) so behaviour cannot be changed by inheritance");
    }

    [Fact]
    public void PublicStructs_AreReadOnly()
    {
        PublicTypes.Where(t => t.IsValueType && !t.IsEnum && t.GetCustomAttribute<IsReadOnlyAttribute>() is null)
            .Should().BeEmpty("value types are immutable");
    }

    [Fact]
    public void PublicProperties_HaveNoPublicSetters()
    {
        var mutable = PublicTypes
            .Where(t => !t.Name.EndsWith("Builder", StringComparison.Ordinal))
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(p => p.SetMethod is { IsPublic: true } setter && !setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit)))
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}");
        mutable.Should().BeEmpty("domain types are immutable; only init-only setters are allowed");
    }

    [Fact]
    public void Domain_DoesNotReferenceSystemDateTimeInPublicSignatures()
    {
        var offenders = PublicTypes
            .SelectMany(t => t.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m switch
            {
                MethodInfo method => method.ReturnType == typeof(DateTime) || method.GetParameters().Any(p => p.ParameterType == typeof(DateTime)),
                PropertyInfo property => property.PropertyType == typeof(DateTime),
                _ => false,
            })
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}");
        offenders.Should().BeEmpty("all time is NodaTime");
    }
}
