using Orleans.Placement;

namespace Chat.Grains.Streams;

/// <summary>Marks a grain class for <see cref="SiloBoundPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class SiloBoundPlacementAttribute() : PlacementAttribute(SiloBoundPlacement.Instance);
