package io.github.vapireceptionist.app;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that hides personal data before it is logged: emails keep their first letter and
 * domain ({@code j***@example.com}), phone numbers their last three digits ({@code ***789}).
 */
public final class PiiMasking {

    private static final Pattern EMAIL = Pattern.compile("([\\p{L}\\p{N}._%+-])[\\p{L}\\p{N}._%+-]*@([\\p{L}\\p{N}.-]+)");
    private static final Pattern PHONE = Pattern.compile("\\+?\\d[\\d \\-().]{5,}\\d");
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
            boolean phoneLike = candidate.replaceAll("\\D", "").length() >= MIN_PHONE_DIGITS;
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
