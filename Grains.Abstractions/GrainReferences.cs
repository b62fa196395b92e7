using System.Runtime.CompilerServices;

namespace Chat.Grains.Abstractions;

/// <summary>
/// Grain references without Orleans' type resolution on every call. <c>IGrainFactory.GetGrain&lt;T&gt;(key)</c> resolves
/// the interface's grain interface type each time (its custom attributes read by reflection, else its name formatted):
/// about 4 % of every silo's CPU in a profile of the loaded cluster (docs/performance.md, "Where a loaded cluster's
/// time goes"). Here the grain type and the interface type are taken from the first reference made for an interface,
/// and every further reference is built from its grain id. Each of our grain interfaces has one implementation, the
/// same in every silo, so the grain type an interface maps to never changes while the process runs.
/// </summary>
public static class GrainReferences
{
    /// <summary>The grain with a string key, as <c>GetGrain&lt;TGrain&gt;(key)</c> would give it.</summary>
    public static TGrain Reference<TGrain>(this IGrainFactory grains, string key)
        where TGrain : IGrainWithStringKey
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        return Kind<TGrain>.Types is { } types
            ? (TGrain)grains.GetGrain(GrainId.Create(types.Value.Grain, IdSpan.Create(key)), types.Value.Interface)
            : Kind<TGrain>.Learn(grains.GetGrain<TGrain>(key));
    }

    /// <summary>The grain with an integer key, as <c>GetGrain&lt;TGrain&gt;(key)</c> would give it.</summary>
    public static TGrain Reference<TGrain>(this IGrainFactory grains, long key)
        where TGrain : IGrainWithIntegerKey
    {
        return Kind<TGrain>.Types is { } types
            ? (TGrain)grains.GetGrain(GrainId.Create(types.Value.Grain, GrainIdKeyExtensions.CreateIntegerKey(key)), types.Value.Interface)
            : Kind<TGrain>.Learn(grains.GetGrain<TGrain>(key));
    }

    /// <summary>What one grain interface resolves to; published whole, so readers never see half of it.</summary>
    private static class Kind<TGrain>
    {
        public static StrongBox<(GrainType Grain, GrainInterfaceType Interface)>? Types;

        public static TGrain Learn(TGrain reference)
        {
            var grainReference = (GrainReference)(object)reference!;
            Types = new((grainReference.GrainId.Type, grainReference.InterfaceType));
            return reference;
        }
    }
}
