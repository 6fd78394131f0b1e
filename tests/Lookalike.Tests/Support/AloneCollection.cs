namespace Lookalike.Tests.Support;

/// <summary>
/// Tests that measure something process-wide (allocated bytes, peak memory) run in this collection: xunit runs it
/// after the parallel ones, with nothing else in the process, so other tests' allocations do not count against them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "alone";
}
