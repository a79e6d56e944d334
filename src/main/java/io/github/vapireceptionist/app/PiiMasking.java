package io.github.vapireceptionist.app;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that hides personal data and secrets before they are logged: emails keep their
 * first letter and domain ({@code j***@example.com}, URL-encoded ones too), phone numbers their last
 * three digits ({@code ***789}); credentials ({@code Bearer ...}, {@code Basic ...}, fields named
 * like a password, token, secret or key, and every configured secret value) become {@code ***}.
 * Every log line passes through it (the log formats in ops, wired in logback-spring.xml).
 */
public final class PiiMasking {

    /** The domain has a dot: {@code Reader@54c06c03} (an object's identity in a library's message) is no email. */
    private static final Pattern EMAIL = Pattern.compile(
            "([\\p{L}\\p{N}._%+-])[\\p{L}\\p{N}._%+-]*@([\\p{L}\\p{N}-]+\\.[\\p{L}\\p{N}.-]+)");
    /** The same in a URL query ({@code ?q=ada%40example.com}). */
    private static final Pattern URL_ENCODED_EMAIL = Pattern.compile(
            "([\\p{L}\\p{N}._%+-])[\\p{L}\\p{N}._%+-]*%40([\\p{L}\\p{N}-]+\\.[\\p{L}\\p{N}.-]+)", Pattern.CASE_INSENSITIVE);
    /** An Authorization header's credentials (short words such as "Basic auth" are prose, not credentials). */
    private static final Pattern CREDENTIALS = Pattern.compile("(?i)\\b(Bearer|Basic)(\\s+)[A-Za-z0-9._~+/=-]{8,}");
    /** A value named like a secret: caldavPassword, googleToken, x-vapi-secret, api_key, WEBHOOK_SECRET=... */
    private static final Pattern SECRET_FIELD = Pattern.compile(
            "(?i)((?:password|passwd|secret|token|api[_-]?key|signature)[\\w-]*\"?\\s*[:=]\\s*\"?)([^\"\\s,&;}]+)");
    /** Configured secrets shorter than this are not searched for (they would mask ordinary words). */
    static final int MIN_SECRET_LENGTH = 8;
    private static final Set<String> SECRETS = new CopyOnWriteArraySet<>();
    /**
     * Digit runs with phone punctuation, not glued to letters or a hyphenated id (UUID segments); the
     * plus may be URL-encoded ({@code To=%2B447123456789} in a form body).
     */
    private static final Pattern PHONE = Pattern.compile(
            "(?<![\\p{L}\\p{N}-])(?:\\+|%2[Bb])?\\d[\\d \\-().]{5,}\\d(?![\\p{L}\\p{N}])");
    /** Easy!Appointments' "2026-11-30 10:00:00" would otherwise read as ten digits. */
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    /** Shorter digit runs are dates, times, ids; the shortest real national numbers have 9 digits. */
    private static final int MIN_PHONE_DIGITS = 9;

    private PiiMasking() {
    }

    /** A configured secret (WEBHOOK_SECRET, tokens, passwords): never printed, whatever logs it. */
    public static void hideSecret(String secret) {
        if (secret != null && secret.length() >= MIN_SECRET_LENGTH) {
            SECRETS.add(secret);
        }
    }

    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String secretsMasked = text;
        for (String secret : SECRETS) {
            secretsMasked = secretsMasked.replace(secret, "***");
        }
        secretsMasked = CREDENTIALS.matcher(secretsMasked).replaceAll("$1$2***");
        secretsMasked = SECRET_FIELD.matcher(secretsMasked).replaceAll("$1***");
        String emailsMasked = URL_ENCODED_EMAIL.matcher(EMAIL.matcher(secretsMasked).replaceAll("$1***@$2"))
                .replaceAll("$1***%40$2");
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
