package dk.medcomgateway.calendar;

import java.time.LocalDate;

/** Easter Sunday in the Gregorian calendar, from which the Danish moving holidays are counted. */
final class Easter {

    private Easter() {
    }

    /**
     * The anonymous Gregorian algorithm (Meeus, <i>Astronomical Algorithms</i>, ch. 8), valid for
     * every Gregorian year. The one-letter names are Meeus's own, so the steps can be checked
     * against the book.
     */
    static LocalDate sunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(year, month, day);
    }
}
