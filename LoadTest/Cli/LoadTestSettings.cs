namespace Chat.LoadTest.Cli;

/// <summary>One run's shape, as given on the command line. <see cref="Validate"/> keeps every loop of the run bounded.</summary>
public sealed record LoadTestSettings(
    Uri BaseUrl,
    int Users,
    int Rooms,
    int RoomsPerUser,
    double Rate,
    TimeSpan Duration,
    TimeSpan Warmup,
    string? JsonPath)
{
    public const int MaxUsers = 2_000;
    public const int MaxRooms = 1_000;
    public const int MaxRoomsPerUser = 50;
    public const double MaxRate = 100;
    public const double MaxTotalRate = 20_000;
    public static readonly TimeSpan MaxDuration = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan MaxWarmup = TimeSpan.FromMinutes(1);

    /// <summary>Messages every user together tries to send per second.</summary>
    public double TotalRate => Users * Rate;

    /// <summary>Everything that is wrong with these settings; empty when the run may start.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Users is < 2 or > MaxUsers)
        {
            errors.Add($"--users must be 2 to {MaxUsers} (a delivery needs a sender and a receiver).");
        }

        if (Rooms < 1 || Rooms > MaxRooms || Rooms > Users)
        {
            errors.Add($"--rooms must be 1 to {MaxRooms} and no more than --users.");
        }

        if (RoomsPerUser < 1 || RoomsPerUser > MaxRoomsPerUser || RoomsPerUser > Rooms)
        {
            errors.Add($"--rooms-per-user must be 1 to {MaxRoomsPerUser} and no more than --rooms.");
        }

        if (!double.IsFinite(Rate) || Rate <= 0 || Rate > MaxRate)
        {
            errors.Add($"--rate must be above 0 and at most {MaxRate} messages per second per user.");
        }
        else if (TotalRate > MaxTotalRate)
        {
            errors.Add($"--users x --rate is {TotalRate:0} messages per second; at most {MaxTotalRate:0}.");
        }

        if (Duration < TimeSpan.FromSeconds(1) || Duration > MaxDuration)
        {
            errors.Add($"--duration must be 1 s to {MaxDuration.TotalMinutes:0} minutes.");
        }

        if (Warmup < TimeSpan.Zero || Warmup > MaxWarmup)
        {
            errors.Add($"--warmup must be 0 to {MaxWarmup.TotalSeconds:0} s.");
        }

        return errors;
    }
}
