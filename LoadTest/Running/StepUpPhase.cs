namespace Chat.LoadTest.Running;

/// <summary>Where a step-up search is.</summary>
public enum StepUpPhase
{
    /// <summary>Raising the rate until a step breaks a threshold.</summary>
    Climbing,

    /// <summary>Running the highest rate that held a second time.</summary>
    Confirming,

    Done,
}
