namespace Chat.LoadTest.Running;

/// <summary>
/// The step-up search: start at <c>start</c> msg/s and multiply by <c>factor</c> while a step holds (the last step is
/// <c>max</c> itself); at the first step that breaks, run the highest rate that held again. If that confirmation holds,
/// it is the result; if not, confirm the next lower rate that held, and so on. At most <see cref="MaxSteps"/> steps.
/// </summary>
public sealed class StepUpSearch
{
    public const int MaxSteps = 40;

    private readonly double _factor;
    private readonly double _max;
    private readonly Stack<double> _held = new();
    private int _steps;

    public StepUpSearch(double start, double factor, double max)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(start);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(factor, 1.0);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, start);
        _factor = factor;
        _max = max;
        Rate = start;
    }

    public StepUpPhase Phase { get; private set; } = StepUpPhase.Climbing;

    /// <summary>The rate (msg/s in all) of the step to run next.</summary>
    public double Rate { get; private set; }

    /// <summary>Once <see cref="Phase"/> is <see cref="StepUpPhase.Done"/>: the highest rate that held twice, or null.</summary>
    public double? Result { get; private set; }

    /// <summary>Takes the outcome of the step just run at <see cref="Rate"/> and moves on.</summary>
    public void Record(bool held)
    {
        if (Phase == StepUpPhase.Done)
        {
            throw new InvalidOperationException("The search is over.");
        }

        _steps++;
        if (Phase == StepUpPhase.Confirming)
        {
            if (held)
            {
                Finish(Rate);
            }
            else
            {
                ConfirmNext();
            }

            return;
        }

        if (!held)
        {
            ConfirmNext();
            return;
        }

        _held.Push(Rate);
        if (Rate >= _max)
        {
            ConfirmNext();
            return;
        }

        Rate = Math.Min(Rate * _factor, _max);
        if (_steps >= MaxSteps)
        {
            ConfirmNext();
        }
    }

    private void ConfirmNext()
    {
        if (_held.Count == 0 || _steps >= MaxSteps)
        {
            Finish(null);
            return;
        }

        Phase = StepUpPhase.Confirming;
        Rate = _held.Pop();
    }

    private void Finish(double? result)
    {
        Phase = StepUpPhase.Done;
        Result = result;
    }
}
