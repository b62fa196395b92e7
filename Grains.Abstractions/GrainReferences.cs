using System.Runtime.CompilerServices;

namespace Chat.Grains.Abstractions;

/// <summary>
/// Grain references without Orleans' type resolution on every call. <c>IGrainFactory.GetGrain&lt;T&gt;(key)</c> resolves
/// the interface's grain interface type each time (its custom attributes read by reflection, else its name formatted):
/// about 4 % of every silo's CPU in a profile of the loaded cluster (docs/performance.md, "Where a loaded cluster's
/// time goes"). Here the grain type and the interface type are taken from the first reference made for an interface,
/// and every further reference is built from its grain id. Each of our grain interfaces has one implementation, the
/// same in every silo, so the grain type an interface maps to never changes while the process runs. A factory of
/// another type than the one the types were learned from (a test double) is asked with <c>GetGrain</c> as before.
/// </summary>
public static class GrainReferences
{
    /// <summary>The grain with a string key, as <c>GetGrain&lt;TGrain&gt;(key)</c> would give it.</summary>
    public static TGrain Reference<TGrain>(this IGrainFactory grains, string key)
        where TGrain : IGrainWithStringKey
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        return Kind<TGrain>.Types is { } types && types.Value.Factory == grains.GetType()
            ? (TGrain)grains.GetGrain(GrainId.Create(types.Value.Grain, IdSpan.Create(key)), types.Value.Interface)
            : Kind<TGrain>.Learn(grains, grains.GetGrain<TGrain>(key));
    }

    /// <summary>The grain with an integer key, as <c>GetGrain&lt;TGrain&gt;(key)</c> would give it.</summary>
    public static TGrain Reference<TGrain>(this IGrainFactory grains, long key)
        where TGrain : IGrainWithIntegerKey
    {
        return Kind<TGrain>.Types is { } types && types.Value.Factory == grains.GetType()
            ? (TGrain)grains.GetGrain(GrainId.Create(types.Value.Grain, GrainIdKeyExtensions.CreateIntegerKey(key)), types.Value.Interface)
            : Kind<TGrain>.Learn(grains, grains.GetGrain<TGrain>(key));
    }

    /// <summary>What one grain interface resolves to; published whole, so readers never see half of it.</summary>
    private static class Kind<TGrain>
    {
        public static StrongBox<(GrainType Grain, GrainInterfaceType Interface, Type Factory)>? Types;

        public static TGrain Learn(IGrainFactory grains, TGrain reference)
        {
            if (reference is GrainReference grainReference)
            {
                Types = new((grainReference.GrainId.Type, grainReference.InterfaceType, grains.GetType()));
            }

            return reference;
        }
    }
}
