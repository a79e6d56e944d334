package io.github.vapireceptionist.webhook;

import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.VapiPayloads;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Generates bad requests to the webhook from one seed, so a failing run replays exactly: wrong types
 * for every argument of every function, mutated and broken JSON, deep nesting, unicode edge cases,
 * huge values, missing or wrong headers and secrets, wrong methods. No case is a bookable request:
 * book_appointment's base is a day the calendar is closed, and every mutation only makes it worse.
 */
final class BadRequests {

    /** One HTTP request to send; {@code what} says how it was made, for the failure message. */
    record Case(int index, String what, String method, Map<String, String> headers, byte[] body) {
    }

    static final Map<String, List<String>> FUNCTIONS = new LinkedHashMap<>();

    static {
        FUNCTIONS.put("check_availability", List.of("date"));
        FUNCTIONS.put("book_appointment", List.of("date", "time", "first_name", "last_name", "email", "phone"));
        FUNCTIONS.put("transfer_to_agent", List.of("reason"));
        FUNCTIONS.put("find_appointment", List.of("email", "date"));
        FUNCTIONS.put("cancel_appointment", List.of("appointment_ref", "confirm", "email"));
        FUNCTIONS.put("reschedule_appointment", List.of("appointment_ref", "date", "time", "email"));
    }

    static final String LONG_PAST = "2001-01-06";

    private final Random random;
    private final LocalDate closedDay;
    private final List<Supplier<Case>> generators = new ArrayList<>();
    private int index;

    BadRequests(Random random, LocalDate closedDay) {
        this.random = random;
        this.closedDay = closedDay;
        weigh(30, this::wrongArgument);
        weigh(15, this::mutatedJson);
        weigh(12, this::brokenEnvelope);
        weigh(5, this::deepNesting);
        weigh(5, this::hugeValue);
        weigh(8, this::unicodeBody);
        weigh(12, this::badHeaders);
        weigh(5, this::wrongMethod);
        weigh(10, this::badSignature);
    }

    List<Case> generate(int count) {
        List<Case> cases = new ArrayList<>();
        while (cases.size() < count) {
            cases.add(generators.get(random.nextInt(generators.size())).get());
        }
        return cases;
    }

    private void weigh(int weight, Supplier<Case> generator) {
        for (int i = 0; i < weight; i++) {
            generators.add(generator);
        }
    }

    // ---- generators ----------------------------------------------------------------------

    private Case wrongArgument() {
        String function = pick(new ArrayList<>(FUNCTIONS.keySet()));
        Map<String, String> arguments = baseArguments(function);
        List<String> names = FUNCTIONS.get(function);
        int wrong = 1 + random.nextInt(names.size());
        StringBuilder what = new StringBuilder(function);
        for (int i = 0; i < wrong; i++) {
            String name = pick(names);
            String value = random.nextInt(8) == 0 ? null : badValue();
            if (value == null) {
                arguments.remove(name);
                what.append(' ').append(name).append("=<missing>");
            } else {
                arguments.put(name, value);
                what.append(' ').append(name).append('=').append(abbreviate(value));
            }
        }
        return json(what.toString(), inShape(function, object(arguments)));
    }

    private Case mutatedJson() {
        String function = pick(new ArrayList<>(FUNCTIONS.keySet()));
        Map<String, String> arguments = baseArguments(function);
        // a date long past: no edit of a few bytes turns it into a bookable one
        arguments.computeIfPresent("date", (name, value) -> quote(LONG_PAST));
        byte[] body = inShape(function, object(arguments)).getBytes(StandardCharsets.UTF_8);
        int mutations = 1 + random.nextInt(6);
        for (int i = 0; i < mutations; i++) {
            body = mutate(body);
        }
        return request("mutated JSON (" + mutations + " byte edits) of " + function, "POST", jsonHeaders(), body);
    }

    private Case brokenEnvelope() {
        String args = object(baseArguments("check_availability"));
        List<String> bodies = List.of(
                "{}", "[]", "null", "true", "0", "\"tool-calls\"", "{\"message\":null}", "{\"message\":[]}",
                "{\"message\":\"tool-calls\"}", "{\"message\":{}}", "{\"message\":{\"type\":null}}",
                "{\"message\":{\"type\":42}}", "{\"message\":{\"type\":{\"x\":1}}}",
                "{\"message\":{\"type\":\"tool-calls\"}}", "{\"message\":{\"type\":\"tool-calls\",\"toolCallList\":null}}",
                "{\"message\":{\"type\":\"tool-calls\",\"toolCallList\":{}}}",
                "{\"message\":{\"type\":\"tool-calls\",\"toolCallList\":\"call\"}}",
                "{\"message\":{\"type\":\"tool-calls\",\"toolCallList\":[null,1,\"x\",[],{}]}}",
                "{\"message\":{\"type\":\"tool-calls\",\"toolCallList\":[{\"id\":1,\"function\":null}]}}",
                "{\"message\":{\"type\":\"tool-calls\",\"toolCallList\":[{\"id\":[],\"function\":{\"name\":7,\"arguments\":[]}}]}}",
                "{\"message\":{\"type\":\"tool-calls\",\"toolCallList\":[{\"id\":\"c\",\"function\":{\"name\":\"check_availability\",\"arguments\":\"" + args.replace("\"", "\\\"") + "\"}}]}}",
                "{\"message\":{\"type\":\"tool-calls\",\"toolCallList\":[{\"id\":\"c\",\"function\":{\"name\":\"check_availability\",\"arguments\":\"{not json\"}}]}}",
                "{\"message\":{\"type\":\"tool-calls\",\"toolCallList\":[{\"id\":\"c\",\"function\":{\"name\":\"\",\"arguments\":{}}}]}}",
                "{\"message\":{\"type\":\"tool-calls\",\"toolCallList\":[{\"id\":\"c\",\"function\":{\"name\":\"drop_tables\",\"arguments\":{}}}]}}",
                "{\"message\":{\"type\":\"tool-calls\",\"toolCallList\":[{\"id\":\"c\",\"function\":{\"name\":\"${sys:user.home}\",\"arguments\":{}}}]}}",
                "{\"message\":{\"type\":\"function-call\"}}", "{\"message\":{\"type\":\"function-call\",\"functionCall\":[]}}",
                "{\"message\":{\"type\":\"function-call\",\"functionCall\":{\"name\":null,\"parameters\":null}}}",
                "{\"type\":\"function-call\",\"functionCall\":{\"name\":\"book_appointment\",\"parameters\":7}}",
                "{\"type\":\"function-call\",\"functionCall\":\"book_appointment\"}",
                "{\"message\":{\"type\":\"transfer-destination-request\",\"call\":null}}",
                "{\"message\":{\"type\":\"transfer-destination-request\",\"call\":{\"monitor\":{\"controlUrl\":\"http://169.254.169.254/\"}}}}",
                "{\"message\":{\"type\":\"status-update\",\"status\":{\"a\":[1,2,{\"b\":null}]}}}",
                "{\"message\":{\"type\":\"end-of-call-report\",\"artifact\":" + "[".repeat(50) + "]".repeat(50) + "}}",
                manyToolCalls());
        String body = pick(bodies);
        return json("envelope " + abbreviate(body), body);
    }

    private Case deepNesting() {
        int depth = 500 + random.nextInt(random.nextBoolean() ? 2_000 : 60_000);
        boolean arrays = random.nextBoolean();
        String open = arrays ? "[" : "{\"a\":";
        String close = arrays ? "]" : "}";
        String nested = open.repeat(depth) + "1" + close.repeat(depth);
        String body = switch (random.nextInt(3)) {
            case 0 -> nested;
            case 1 -> "{\"message\":" + nested + "}";
            default -> inShape("check_availability", "{\"date\":" + nested + "}");
        };
        return json("nesting depth " + depth + (arrays ? " (arrays)" : " (objects)"), body);
    }

    private Case hugeValue() {
        String function = pick(new ArrayList<>(FUNCTIONS.keySet()));
        Map<String, String> arguments = baseArguments(function);
        String huge = switch (random.nextInt(5)) {
            case 0 -> quote("x".repeat(100_000 + random.nextInt(1_400_000)));
            case 1 -> "9".repeat(1_000 + random.nextInt(20_000));
            case 2 -> "1e" + (300 + random.nextInt(100_000));
            case 3 -> quote("\\u00e9".repeat(50_000));
            default -> manyKeys(20_000 + random.nextInt(50_000));
        };
        String name = pick(FUNCTIONS.get(function));
        arguments.put(name, huge);
        return json(function + " huge " + name + " (" + huge.length() + " chars)", inShape(function, object(arguments)));
    }

    private Case unicodeBody() {
        String function = pick(new ArrayList<>(FUNCTIONS.keySet()));
        String valid = inShape(function, object(baseArguments(function)));
        return switch (random.nextInt(6)) {
            case 0 -> request("UTF-8 BOM before the JSON", "POST", jsonHeaders(),
                    concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, valid.getBytes(StandardCharsets.UTF_8)));
            case 1 -> request("UTF-16 body", "POST", jsonHeaders(), valid.getBytes(StandardCharsets.UTF_16));
            case 2 -> request("invalid UTF-8 bytes in a string", "POST", jsonHeaders(),
                    valid.replace("\"type\":\"", "\"type\":\"\u0000").getBytes(StandardCharsets.UTF_8));
            case 3 -> request("overlong and stray UTF-8", "POST", jsonHeaders(), concat(valid.substring(0, valid.length() / 2)
                    .getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC0, (byte) 0xAF, (byte) 0xFF, (byte) 0xED, (byte) 0xA0, (byte) 0x80},
                    valid.substring(valid.length() / 2).getBytes(StandardCharsets.UTF_8)));
            case 4 -> json("lone surrogates and NUL in keys", valid.replace("\"message\"", "\"mess\\u0000age\"").replace("{\"date\"",
                    "{\"\\ud800\":\"\\udfff\",\"date\""));
            default -> json("unicode in the tool call id and name", valid.replace("\"id\":\"fz\"", "\"id\":\"\\u202e\\ud83d\\ude00\\u0000\\ud800\"")
                    .replace("\"name\":\"" + function + "\"", "\"name\":\"" + function + "\\u200b\""));
        };
    }

    private Case badHeaders() {
        byte[] body = inShape("check_availability", object(baseArguments("check_availability"))).getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        String what;
        switch (random.nextInt(12)) {
            case 0 -> what = "no secret";
            case 1 -> {
                headers.put("x-vapi-secret", "");
                what = "empty secret";
            }
            case 2 -> {
                headers.put("x-vapi-secret", AppTest.SECRET.substring(1));
                what = "secret one character short";
            }
            case 3 -> {
                headers.put("x-vapi-secret", AppTest.SECRET + "x");
                what = "secret one character long";
            }
            case 4 -> {
                headers.put("Authorization", "Basic " + AppTest.SECRET);
                what = "secret as Basic credentials";
            }
            case 5 -> {
                headers.put("Authorization", "Bearer");
                what = "Bearer without a token";
            }
            case 6 -> {
                headers.put("x-vapi-secret", "x".repeat(4_000));
                what = "a 4000-character secret";
            }
            case 7 -> {
                headers.put("x-vapi-secret", AppTest.SECRET.toUpperCase());
                what = "secret in other case";
            }
            case 8 -> {
                headers.put("x-vapi-secret", AppTest.SECRET);
                headers.put("Content-Type", pick(List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                        "multipart/form-data; boundary=x", "application/jsonx", "*/*", "application/json; charset=ebcdic")));
                what = "content type " + headers.get("Content-Type");
                return request(what, "POST", headers, body);
            }
            case 9 -> {
                headers.put("x-vapi-secret", AppTest.SECRET);
                what = "no content type";
                return request(what, "POST", headers, body);
            }
            case 10 -> {
                headers.put("x-vapi-secret", AppTest.SECRET);
                headers.put("Content-Type", "application/json");
                headers.put("Accept", pick(List.of("application/xml", "text/html", "image/png", "application/json;q=0")));
                what = "Accept " + headers.get("Accept");
                return request(what, "POST", headers, body);
            }
            default -> {
                headers.put("x-vapi-secret", AppTest.SECRET);
                headers.put("Content-Type", "application/json");
                return request("empty body", "POST", headers, new byte[0]);
            }
        }
        headers.put("Content-Type", "application/json");
        return request(what, "POST", headers, body);
    }

    private Case wrongMethod() {
        String method = pick(List.of("GET", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"));
        byte[] body = method.equals("GET") || method.equals("TRACE") || method.equals("OPTIONS") ? new byte[0]
                : inShape("check_availability", object(baseArguments("check_availability"))).getBytes(StandardCharsets.UTF_8);
        return request("method " + method, method, jsonHeaders(), body);
    }

    // ---- values ---------------------------------------------------------------------------

    /** A bad JSON value for any argument: wrong types, bad formats, unicode edge cases, injections. */
    private String badValue() {
        return switch (random.nextInt(5)) {
            case 0 -> pick(List.of("null", "true", "false", "0", "-1", "3.14", "1e309", "-0", "9223372036854775808", "[]", "{}",
                    "[\"2026-12-01\"]", "{\"date\":\"2026-12-01\"}", "[[[[]]]]", "{\"$gt\":\"\"}"));
            case 1 -> quote(pick(List.of("", " ", "\\t", "\\n", "2026-02-30", "2026-13-01", "0000-00-00", "9999-12-31",
                    "2001-01-01", "yesterday", "next blue moon", "31/12/2026", "25:00", "10:60", "-10:00", "10:00:00:00",
                    "10.00", "noon-ish", "not-an-email", "a@b", "@example.com", "a@@example.com", "123", "+0",
                    "+44 (0)", "0000000000000000000000", "'; DROP TABLE ea_users; --", "${sys:user.home}",
                    "${body}", "#{T(java.lang.Runtime)}", "{{easyappointments.api-url}}", "%s%s%n", "../../etc/passwd",
                    "<script>alert(1)</script>", "\\u0000", "\\u202eevil", "\\ud800", "\\udfff", "\\ud83d\\ude00",
                    "\\ufeff", "\\u0085", "\\u2028", "Zoë\\u0000Ng", "\\u0644\\u064a\\u0644\\u0649",
                    "\\ud83d\\udc68\\u200d\\ud83d\\udc69\\u200d\\ud83d\\udc67")));
            case 2 -> quote(randomUnicode(1 + random.nextInt(40)));
            case 3 -> quote("a".repeat(200 + random.nextInt(5_000)));
            default -> quote(randomAscii(1 + random.nextInt(30)));
        };
    }

    private String randomUnicode(int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(6);
            int codeUnit = switch (kind) {
                case 0 -> random.nextInt(0x20);
                case 1 -> 0xD800 + random.nextInt(0x800);
                case 2 -> 0x0590 + random.nextInt(0x200);
                case 3 -> 0x2000 + random.nextInt(0x70);
                case 4 -> 0xFFF0 + random.nextInt(0x10);
                default -> 0x20 + random.nextInt(0x5F);
            };
            text.append(String.format("\\u%04x", codeUnit));
        }
        return text.toString();
    }

    private String randomAscii(int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            char c = (char) (0x20 + random.nextInt(0x5F));
            text.append(c == '"' || c == '\\' ? "\\" + c : String.valueOf(c));
        }
        return text.toString();
    }

    private Map<String, String> baseArguments(String function) {
        Map<String, String> arguments = new LinkedHashMap<>();
        switch (function) {
            case "check_availability" -> arguments.put("date", quote(closedDay.toString()));
            case "book_appointment" -> {
                arguments.put("date", quote(closedDay.toString()));
                arguments.put("time", quote("10:00"));
                arguments.put("first_name", quote("Fuzz"));
                arguments.put("last_name", quote("Tester"));
                arguments.put("email", quote("fuzz@example.com"));
                arguments.put("phone", quote("07123 456789"));
            }
            case "find_appointment" -> arguments.put("email", quote("fuzz@example.com"));
            case "cancel_appointment" -> {
                arguments.put("appointment_ref", quote("1"));
                arguments.put("confirm", "true");
            }
            case "reschedule_appointment" -> {
                arguments.put("appointment_ref", quote("1"));
                arguments.put("date", quote(closedDay.toString()));
                arguments.put("time", quote("10:00"));
            }
            default -> arguments.put("reason", quote("wants a person"));
        }
        return arguments;
    }

    private String inShape(String function, String arguments) {
        return switch (random.nextInt(3)) {
            case 0 -> VapiPayloads.toolCall("fz", function, arguments);
            case 1 -> VapiPayloads.functionCall(function, arguments);
            default -> VapiPayloads.datasheetFunctionCall(function, arguments);
        };
    }

    private String manyToolCalls() {
        int count = 20 + random.nextInt(60);
        String[][] calls = new String[count][];
        for (int i = 0; i < count; i++) {
            calls[i] = new String[] {"c" + i, "check_availability", "{\"date\":" + badValue() + "}"};
        }
        return VapiPayloads.toolCalls(calls);
    }

    private String manyKeys(int count) {
        StringBuilder object = new StringBuilder("{");
        for (int i = 0; i < count; i++) {
            object.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        return object.append('}').toString();
    }

    private byte[] mutate(byte[] body) {
        if (body.length == 0) {
            return new byte[] {(byte) random.nextInt(256)};
        }
        int at = random.nextInt(body.length);
        return switch (random.nextInt(5)) {
            case 0 -> { // flip a byte
                byte[] copy = body.clone();
                copy[at] = (byte) random.nextInt(256);
                yield copy;
            }
            case 1 -> concat(Arrays.copyOfRange(body, 0, at), Arrays.copyOfRange(body, Math.min(body.length, at + 1 + random.nextInt(8)), body.length));
            case 2 -> concat(Arrays.copyOfRange(body, 0, at), pick(List.of("{", "}", "[", "]", "\"", ",", ":", "\\", "null", "\u0000"))
                    .getBytes(StandardCharsets.UTF_8), Arrays.copyOfRange(body, at, body.length));
            case 3 -> Arrays.copyOfRange(body, 0, at); // truncate
            default -> concat(body, Arrays.copyOfRange(body, at, body.length)); // trailing garbage
        };
    }

    // ---- helpers --------------------------------------------------------------------------

    private Case json(String what, String body) {
        return request(what, "POST", jsonHeaders(), body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Signed requests that must not authenticate (the fuzz app accepts secrets and signatures): a
     * signature over other bytes, made with another key, stale or from the future, replayed with a new
     * timestamp, truncated, in the wrong encoding, or beside a timestamp that is not a number.
     */
    private Case badSignature() {
        byte[] body = inShape("check_availability", object(baseArguments("check_availability"))).getBytes(StandardCharsets.UTF_8);
        long now = System.currentTimeMillis() / 1000;
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        String what;
        switch (random.nextInt(9)) {
            case 0 -> {
                headers.put("x-timestamp", Long.toString(now));
                headers.put("x-signature", sign(AppTest.SECRET, now, mutate(body.clone())));
                what = "signature over other bytes";
            }
            case 1 -> {
                headers.put("x-timestamp", Long.toString(now));
                headers.put("x-signature", sign(AppTest.SECRET + "x", now, body));
                what = "signature with another key";
            }
            case 2 -> {
                long stale = now - 301 - random.nextInt(100_000);
                headers.put("x-timestamp", Long.toString(stale));
                headers.put("x-signature", sign(AppTest.SECRET, stale, body));
                what = "valid signature, stale timestamp";
            }
            case 3 -> {
                long future = now + 301 + random.nextInt(100_000);
                headers.put("x-timestamp", Long.toString(future));
                headers.put("x-signature", sign(AppTest.SECRET, future, body));
                what = "valid signature, timestamp from the future";
            }
            case 4 -> {
                headers.put("x-timestamp", Long.toString(now));
                headers.put("x-signature", sign(AppTest.SECRET, now - 60, body));
                what = "replayed signature with a new timestamp";
            }
            case 5 -> {
                headers.put("x-timestamp", Long.toString(now));
                String valid = sign(AppTest.SECRET, now, body);
                headers.put("x-signature", valid.substring(0, random.nextInt(valid.length())));
                what = "truncated signature";
            }
            case 6 -> {
                headers.put("x-timestamp", Long.toString(now));
                headers.put("x-signature", java.util.Base64.getEncoder().encodeToString(
                        java.util.HexFormat.of().parseHex(sign(AppTest.SECRET, now, body))));
                what = "signature in base64 where hex is expected";
            }
            case 7 -> {
                headers.put("x-timestamp", pick(List.of("", "now", "-1", "1e9", "99999999999999999999999", "0x10", " " + now)));
                headers.put("x-signature", sign(AppTest.SECRET, now, body));
                what = "timestamp " + abbreviate(headers.get("x-timestamp"));
            }
            default -> {
                headers.put("x-signature", sign(AppTest.SECRET, now, body));
                what = "signature without a timestamp";
            }
        }
        return request(what, "POST", headers, body);
    }

    private static String sign(String key, long timestamp, byte[] body) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private Case request(String what, String method, Map<String, String> headers, byte[] body) {
        return new Case(index++, what, method, headers, body);
    }

    private static Map<String, String> jsonHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-vapi-secret", AppTest.SECRET);
        headers.put("Content-Type", "application/json");
        return headers;
    }

    private static String object(Map<String, String> fields) {
        StringBuilder object = new StringBuilder("{");
        fields.forEach((name, value) -> object.append(object.length() == 1 ? "" : ",").append(quote(name)).append(':').append(value));
        return object.append('}').toString();
    }

    private static String quote(String escapedText) {
        return "\"" + escapedText + "\"";
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() > 120 ? oneLine.substring(0, 120) + "...(" + oneLine.length() + " chars)" : oneLine;
    }
}
