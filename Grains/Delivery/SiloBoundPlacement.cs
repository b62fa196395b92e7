namespace Chat.Grains.Delivery;

/// <summary>
/// Places a grain on the silo named after the last <c>|</c> of its string key; when that silo is gone, on the
/// calling silo (where the grain notices it is not at home and cleans up).
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("chat.silo-bound-placement")]
public sealed class SiloBoundPlacement : PlacementStrategy
{
    public static SiloBoundPlacement Instance { get; } = new();
}
