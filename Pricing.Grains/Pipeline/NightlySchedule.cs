namespace Pricing.Pipeline;

/// <summary>When the nightly run is due. Reminders have no time zone or cron, so the grain asks this on every tick.</summary>
public static class NightlySchedule
{
    /// <summary>The latest scheduled instant at or before <paramref name="now"/> (UTC), in the given zone.</summary>
    public static DateTimeOffset LatestSlot(DateTimeOffset now, TimeOnly at, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var day = DateOnly.FromDateTime(local.DateTime);
        for (var d = day; ; d = d.AddDays(-1))
        {
            var slotLocal = d.ToDateTime(at);
            // a time skipped by a DST change runs an hour later; an ambiguous one at its first occurrence
            if (zone.IsInvalidTime(slotLocal))
                slotLocal = slotLocal.AddHours(1);
            var offset = zone.IsAmbiguousTime(slotLocal) ? zone.GetAmbiguousTimeOffsets(slotLocal).Max() : zone.GetUtcOffset(slotLocal);
            var slot = new DateTimeOffset(slotLocal, offset);
            if (slot <= now)
                return slot.ToUniversalTime();
        }
    }

    /// <summary>Due when a slot has passed since the last nightly run started (a slot missed while down runs once on restart).</summary>
    public static bool IsDue(DateTimeOffset now, DateTimeOffset? lastNightlySlot, TimeOnly at, TimeZoneInfo zone) =>
        lastNightlySlot is null || LatestSlot(now, at, zone) > lastNightlySlot;
}
