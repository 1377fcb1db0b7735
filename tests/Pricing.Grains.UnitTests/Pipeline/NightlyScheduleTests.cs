using Pricing.Pipeline;

namespace Pricing.Tests.Pipeline;

public class NightlyScheduleTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Fact]
    public void The_slot_is_the_configured_local_time_in_the_configured_zone()
    {
        var now = new DateTimeOffset(2025, 1, 15, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2025, 1, 15, 1, 0, 0, TimeSpan.Zero), NightlySchedule.LatestSlot(now, new TimeOnly(2, 0), Berlin));
        Assert.Equal(new DateTimeOffset(2025, 1, 14, 23, 30, 0, TimeSpan.Zero), NightlySchedule.LatestSlot(now.AddHours(-12), new TimeOnly(0, 30), Berlin));
    }

    [Fact]
    public void Summer_time_moves_the_utc_slot()
    {
        var summer = new DateTimeOffset(2025, 7, 15, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(2025, 7, 15, 0, 0, 0, TimeSpan.Zero), NightlySchedule.LatestSlot(summer, new TimeOnly(2, 0), Berlin));
    }

    [Fact]
    public void A_slot_skipped_by_the_clock_change_runs_an_hour_later()
    {
        // 2025-03-30 02:30 does not exist in Berlin: clocks jump from 02:00 to 03:00
        var now = new DateTimeOffset(2025, 3, 30, 6, 0, 0, TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(2025, 3, 30, 1, 30, 0, TimeSpan.Zero), NightlySchedule.LatestSlot(now, new TimeOnly(2, 30), Berlin));
    }

    [Fact]
    public void Due_once_per_slot_and_once_after_a_missed_night()
    {
        var at = new TimeOnly(2, 0);
        var morning = new DateTimeOffset(2025, 1, 15, 6, 0, 0, TimeSpan.Zero);
        var slot = NightlySchedule.LatestSlot(morning, at, TimeZoneInfo.Utc);

        Assert.True(NightlySchedule.IsDue(morning, null, at, TimeZoneInfo.Utc));
        Assert.False(NightlySchedule.IsDue(morning.AddHours(10), slot, at, TimeZoneInfo.Utc));
        Assert.True(NightlySchedule.IsDue(morning.AddDays(1), slot, at, TimeZoneInfo.Utc));
        Assert.True(NightlySchedule.IsDue(morning.AddDays(3), slot, at, TimeZoneInfo.Utc)); // down for two nights: one catch-up run
    }
}
