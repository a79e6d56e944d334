package io.github.vapireceptionist.sandbox;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The few PHP and MariaDB behaviours Easy!Appointments' answers depend on: what {@code empty()}
 * treats as missing, how {@code print_r} renders a record inside an error message, how a JSON
 * value lands in a VARCHAR column, and how the default {@code utf8mb4_unicode_ci} collation
 * compares text (case- and accent-insensitive), which decides duplicate emails and searches.
 */
final class PhpSemantics {

    // FILTER_VALIDATE_EMAIL in spirit: dot-atom local part, dotted host name.
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");

    private PhpSemantics() {
    }

    /** PHP {@code empty()}: null, "", "0", 0, false and empty arrays all count as not provided. */
    static boolean empty(Object value) {
        if (value == null) {
            return true;
        }
        if (value instanceof String text) {
            return text.isEmpty() || text.equals("0");
        }
        if (value instanceof Boolean flag) {
            return !flag;
        }
        if (value instanceof Number number) {
            return new BigDecimal(number.toString()).signum() == 0;
        }
        if (value instanceof Collection<?> list) {
            return list.isEmpty();
        }
        if (value instanceof Map<?, ?> map) {
            return map.isEmpty();
        }
        return false;
    }

    /** What a JSON value becomes once stored in a VARCHAR column and read back. */
    static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Boolean flag) {
            return flag ? "1" : "";
        }
        if (value instanceof Map<?, ?> || value instanceof Collection<?>) {
            return "Array";
        }
        if (value instanceof Double || value instanceof Float) {
            BigDecimal decimal = new BigDecimal(value.toString()).stripTrailingZeros();
            return decimal.scale() <= 0 ? decimal.toBigInteger().toString() : decimal.toPlainString();
        }
        return value.toString();
    }

    /** PHP's coercion of a request value to an int id; null when it is not a whole number. */
    static Integer integer(Object value) {
        if (value instanceof Integer number) {
            return number;
        }
        if (value instanceof Number number) {
            double whole = number.doubleValue();
            return whole == Math.rint(whole) && Math.abs(whole) <= Integer.MAX_VALUE ? (int) whole : null;
        }
        if (value instanceof String text) {
            try {
                return Integer.valueOf(text.trim());
            } catch (NumberFormatException notAnInteger) {
                return null;
            }
        }
        return null;
    }

    /** FILTER_VALIDATE_BOOLEAN, used on settings such as {@code require_email}. */
    static boolean bool(String value) {
        if (value == null) {
            return false;
        }
        String flag = value.trim().toLowerCase(Locale.ROOT);
        return flag.equals("1") || flag.equals("true") || flag.equals("on") || flag.equals("yes");
    }

    static boolean validEmail(String email) {
        return email != null && email.length() <= 320 && EMAIL.matcher(email).matches();
    }

    /** A value folded the way utf8mb4_unicode_ci compares it: "José@X.com" equals "jose@x.com". */
    static String fold(String value) {
        if (value == null) {
            return null;
        }
        String decomposed = Normalizer.normalize(value, Normalizer.Form.NFD);
        return COMBINING_MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT);
    }

    /** SQL {@code column LIKE '%keyword%'} under that collation (CodeIgniter escapes % and _). */
    static boolean like(String column, String keyword) {
        return column != null && fold(column).contains(fold(keyword));
    }

    /** {@code print_r($record, true)}, as Easy!Appointments appends it to "Not all required fields". */
    static String printR(Map<String, ?> record) {
        StringBuilder out = new StringBuilder("Array\n(\n");
        record.forEach((key, value) -> out.append("    [").append(key).append("] => ")
                .append(value instanceof Boolean flag ? (flag ? "1" : "") : value == null ? "" : text(value))
                .append('\n'));
        return out.append(")\n").toString();
    }
}
