package io.github.vapireceptionist.app;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that hides personal data before it is logged: emails keep their first letter and
 * domain ({@code j***@example.com}), phone numbers their last three digits ({@code ***789}).
 */
public final class PiiMasking {

    private static final Pattern EMAIL = Pattern.compile("([\\p{L}\\p{N}._%+-])[\\p{L}\\p{N}._%+-]*@([\\p{L}\\p{N}.-]+)");
    /** Digit runs with phone punctuation, not glued to letters or a hyphenated id (UUID segments). */
    private static final Pattern PHONE = Pattern.compile("(?<![\\p{L}\\p{N}-])\\+?\\d[\\d \\-().]{5,}\\d(?![\\p{L}\\p{N}])");
    /** Easy!Appointments' "2026-11-30 10:00:00" would otherwise read as ten digits. */
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    /** Shorter digit runs are dates, times, ids; the shortest real national numbers have 9 digits. */
    private static final int MIN_PHONE_DIGITS = 9;

    private PiiMasking() {
    }

    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String emailsMasked = EMAIL.matcher(text).replaceAll("$1***@$2");
        Matcher phones = PHONE.matcher(emailsMasked);
        StringBuilder out = new StringBuilder();
        while (phones.find()) {
            String candidate = phones.group();
            boolean phoneLike = candidate.replaceAll("\\D", "").length() >= MIN_PHONE_DIGITS
                    && !DATE.matcher(candidate).find();
            phones.appendReplacement(out, Matcher.quoteReplacement(phoneLike ? maskPhone(candidate) : candidate));
        }
        phones.appendTail(out);
        return out.toString();
    }

    public static String maskPhone(String phone) {
        if (phone == null) {
            return null;
        }
        String digits = phone.replaceAll("\\D", "");
        return digits.length() <= 3 ? "***" : "***" + digits.substring(digits.length() - 3);
    }
}
