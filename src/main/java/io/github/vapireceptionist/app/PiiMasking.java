package io.github.vapireceptionist.app;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
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
    /** Words SECRET_FIELD's names contain, for the scan that spares it most lines. */
    private static final List<String> SECRET_NAMES = List.of("passw", "secret", "token", "key", "signature");
    /** Configured secrets shorter than this are not searched for (they would mask ordinary words). */
    static final int MIN_SECRET_LENGTH = 8;
    private static final Set<String> SECRETS = new CopyOnWriteArraySet<>();
    /**
     * Digit runs with phone punctuation, not glued to letters or a hyphenated id (UUID segments); the
     * plus may be URL-encoded ({@code To=%2B447123456789} in a form body).
     */
    private static final Pattern PHONE = Pattern.compile(
            "(?<![\\p{L}\\p{N}-])(?:\\+|%2[Bb])?\\d[\\d \\-().]{5,}\\d(?![\\p{L}\\p{N}])");
    /**
     * A UUID (Vapi's call ids, correlation ids), standing on its own: never a phone number (32 hex digits),
     * though one such as {@code 41852303-9185-46ec-...} starts with a digit run PHONE would read as one.
     */
    private static final Pattern UUID = Pattern.compile(
            "(?<![\\p{L}\\p{N}-])\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}(?![\\p{L}\\p{N}-])");
    /** Easy!Appointments' "2026-11-30 10:00:00" would otherwise read as ten digits. */
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    /** Shorter digit runs are dates, times, ids; the shortest real national numbers have 9 digits. */
    private static final int MIN_PHONE_DIGITS = 9;

    /** One pattern's masking, and the cheap scan that says whether it could change a text at all. */
    private record Step(Predicate<String> mayMatch, UnaryOperator<String> mask) {
    }

    /** The masking steps after the configured secrets, in order. */
    private static final List<Step> STEPS = List.of(
            new Step(text -> containsIgnoreCase(text, "bearer") || containsIgnoreCase(text, "basic"),
                    PiiMasking::maskCredentials),
            new Step(PiiMasking::mayNameSecret, PiiMasking::maskSecretFields),
            new Step(text -> text.indexOf('@') >= 0, PiiMasking::maskEmails),
            new Step(text -> text.contains("%40"), PiiMasking::maskUrlEncodedEmails),
            new Step(PiiMasking::mayHoldPhone, PiiMasking::maskPhones));

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
        // Every log line comes through here, most holding nothing to hide: a step runs only where its cheap
        // scan says it could match (maskFully runs them all; a test holds the two equal).
        String masked = withoutSecrets(text);
        for (Step step : STEPS) {
            if (step.mayMatch().test(masked)) {
                masked = step.mask().apply(masked);
            }
        }
        return masked;
    }

    /** {@link #mask} running every step over the whole text. */
    static String maskFully(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = withoutSecrets(text);
        for (Step step : STEPS) {
            masked = step.mask().apply(masked);
        }
        return masked;
    }

    private static String withoutSecrets(String text) {
        String masked = text;
        for (String secret : SECRETS) {
            masked = masked.replace(secret, "***");
        }
        return masked;
    }

    private static String maskCredentials(String text) {
        return CREDENTIALS.matcher(text).replaceAll("$1$2***");
    }

    private static String maskSecretFields(String text) {
        return SECRET_FIELD.matcher(text).replaceAll("$1***");
    }

    private static String maskEmails(String text) {
        return EMAIL.matcher(text).replaceAll("$1***@$2");
    }

    private static String maskUrlEncodedEmails(String text) {
        return URL_ENCODED_EMAIL.matcher(text).replaceAll("$1***%40$2");
    }

    /** Phone numbers in the text between UUIDs, each stretch read as a text of its own; UUIDs as they are. */
    private static String maskPhones(String text) {
        Matcher uuids = UUID.matcher(text);
        StringBuilder out = new StringBuilder();
        int from = 0;
        while (uuids.find()) {
            maskPhones(text.substring(from, uuids.start()), out);
            out.append(uuids.group());
            from = uuids.end();
        }
        maskPhones(text.substring(from), out);
        return out.toString();
    }

    private static void maskPhones(String text, StringBuilder out) {
        Matcher phones = PHONE.matcher(text);
        while (phones.find()) {
            String candidate = phones.group();
            boolean phoneLike = candidate.replaceAll("\\D", "").length() >= MIN_PHONE_DIGITS
                    && !DATE.matcher(candidate).find();
            phones.appendReplacement(out, Matcher.quoteReplacement(phoneLike ? maskPhone(candidate) : candidate));
        }
        phones.appendTail(out);
    }

    /** SECRET_FIELD needs a {@code :} or {@code =} and one of its names ("key" stands for api_key and its kin). */
    private static boolean mayNameSecret(String text) {
        if (text.indexOf(':') < 0 && text.indexOf('=') < 0) {
            return false;
        }
        for (String name : SECRET_NAMES) {
            if (containsIgnoreCase(text, name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether PHONE could find a number to mask: a digit where PHONE may start one (not after a letter,
     * digit or hyphen, bar the B of a URL-encoded plus) followed, within phone punctuation, by at least
     * MIN_PHONE_DIGITS digits, and not the start of a UUID, which maskPhones leaves alone. Ids such as
     * {@code 019aa9bb-7c51-...} and dates never qualify.
     */
    private static boolean mayHoldPhone(String text) {
        int length = text.length();
        Matcher uuid = null;
        for (int start = 0; start < length; start++) {
            if (!isDigit(text.charAt(start)) || !mayStartPhone(text, start)) {
                continue;
            }
            if (uuid == null) {
                uuid = UUID.matcher(text).useTransparentBounds(true);
            }
            if (uuid.region(start, length).lookingAt()) {
                start = uuid.end() - 1; // no phone starts inside it: each of its characters follows a hex digit or a hyphen
                continue;
            }
            int digits = afterEncodedPlus(text, start) ? 1 : 0; // the 2 of %2B counts, as maskPhones counts it
            int end = start;
            for (; end < length && isPhoneChar(text.charAt(end)); end++) {
                if (isDigit(text.charAt(end))) {
                    digits++;
                }
            }
            if (digits >= MIN_PHONE_DIGITS) {
                return true;
            }
            start = end; // a later start inside this run would count fewer digits
        }
        return false;
    }

    private static boolean mayStartPhone(String text, int digit) {
        if (digit == 0 || afterEncodedPlus(text, digit)) {
            return true;
        }
        char before = text.charAt(digit - 1);
        return !Character.isLetterOrDigit(before) && before != '-';
    }

    private static boolean afterEncodedPlus(String text, int digit) {
        return digit >= 3 && (text.charAt(digit - 1) == 'B' || text.charAt(digit - 1) == 'b') && text.startsWith("%2", digit - 3);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isPhoneChar(char c) {
        return isDigit(c) || c == ' ' || c == '-' || c == '(' || c == ')' || c == '.';
    }

    /** ASCII case-insensitive, as the patterns' (?i) is; {@code word} in lower case. */
    private static boolean containsIgnoreCase(String text, String word) {
        char lower = word.charAt(0);
        char upper = Character.toUpperCase(lower);
        for (int i = 0, last = text.length() - word.length(); i <= last; i++) {
            char c = text.charAt(i);
            if ((c == lower || c == upper) && text.regionMatches(true, i, word, 0, word.length())) {
                return true;
            }
        }
        return false;
    }

    public static String maskPhone(String phone) {
        if (phone == null) {
            return null;
        }
        String digits = phone.replaceAll("\\D", "");
        return digits.length() <= 3 ? "***" : "***" + digits.substring(digits.length() - 3);
    }
}
