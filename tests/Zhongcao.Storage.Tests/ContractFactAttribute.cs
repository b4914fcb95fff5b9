using Xunit.Abstractions;
using Xunit.Sdk;
using Zhongcao.Tests.Shared;

namespace Zhongcao.Storage.Tests;

/// <summary>Marks a test class whose store needs PostgreSQL (ZHONGCAO_TEST_POSTGRES).</summary>
public interface IRequiresPostgres;

/// <summary>
/// A contract test: a [Fact] that each provider's subclass runs. For a subclass marked
/// <see cref="IRequiresPostgres"/>, the test is skipped with a reason when no PostgreSQL is configured,
/// except under CI=true, where it runs (and fails): the same rule as <see cref="PostgresFactAttribute"/>,
/// decided per test class because the attribute sits on the shared base method.
/// </summary>
[XunitTestCaseDiscoverer("Zhongcao.Storage.Tests.ContractFactDiscoverer", "Zhongcao.Storage.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ContractFactAttribute : FactAttribute;

/// <summary>Discovers <see cref="ContractFactAttribute"/> tests, skipping PostgreSQL ones when it is absent.</summary>
public sealed class ContractFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        yield return new ContractTestCase(diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(),
            discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod);
    }
}

/// <summary>
/// A test case whose skip reason depends on its test class. Computed from the class (not stored in a
/// field) because xunit may initialise a test case before a derived constructor body runs.
/// </summary>
public sealed class ContractTestCase : XunitTestCase
{
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public ContractTestCase()
    {
    }

    public ContractTestCase(IMessageSink sink, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod method)
        : base(sink, display, options, method)
    {
    }

    protected override string? GetSkipReason(IAttributeInfo factAttribute)
    {
        var type = TestMethod.TestClass.Class.ToRuntimeType();
        return typeof(IRequiresPostgres).IsAssignableFrom(type) && PostgresFactAttribute.ConnectionString is null && !PostgresFactAttribute.IsCi
            ? $"PostgreSQL not configured: set {PostgresFactAttribute.Variable} (eval \"$(bash .ci/postgres.sh)\" starts a local one)."
            : base.GetSkipReason(factAttribute);
    }
}
