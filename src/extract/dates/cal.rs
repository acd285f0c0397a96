//! Proleptic Gregorian calendar arithmetic on (year, month, day).

/// Days since 1970-01-01 (negative before).
pub fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y as i64 - 1 } else { y as i64 };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date `z` days after 1970-01-01.
pub fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    ((if m <= 2 { y + 1 } else { y }) as i32, m, d)
}

/// ISO weekday, Monday = 1 .. Sunday = 7.
pub fn weekday(y: i32, m: u32, d: u32) -> u32 {
    let z = days_from_civil(y, m, d);
    ((z + 3).rem_euclid(7) + 1) as u32
}

/// Adds `n` days.
pub fn add_days(y: i32, m: u32, d: u32, n: i64) -> (i32, u32, u32) {
    civil_from_days(days_from_civil(y, m, d) + n)
}

/// ISO week-numbering year and week.
pub fn iso_week(y: i32, m: u32, d: u32) -> (i32, u32) {
    let wd = weekday(y, m, d) as i64;
    // The Thursday of this week decides the year.
    let thursday = days_from_civil(y, m, d) - wd + 4;
    let (ty, _, _) = civil_from_days(thursday);
    let jan1 = days_from_civil(ty, 1, 1);
    (ty, ((thursday - jan1) / 7 + 1) as u32)
}

/// Adds `n` months to (year, month).
pub fn add_months(y: i32, m: u32, n: i32) -> (i32, u32) {
    let total = y * 12 + (m as i32 - 1) + n;
    (total.div_euclid(12), (total.rem_euclid(12) + 1) as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_weekday() {
        assert_eq!(
            civil_from_days(days_from_civil(2014, 12, 23)),
            (2014, 12, 23)
        );
        assert_eq!(weekday(2013, 2, 12), 2);
        assert_eq!(add_days(2014, 12, 23, -1), (2014, 12, 22));
        assert_eq!(add_days(2018, 1, 1, -1), (2017, 12, 31));
        assert_eq!(iso_week(2013, 2, 12), (2013, 7));
        assert_eq!(iso_week(2021, 1, 1), (2020, 53));
        assert_eq!(add_months(2018, 1, -1), (2017, 12));
    }
}
