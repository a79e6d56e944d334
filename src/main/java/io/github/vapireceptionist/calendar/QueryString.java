package io.github.vapireceptionist.calendar;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

/** A URL query built one parameter at a time, in order, each name and value form-encoded (URLEncoder, UTF-8). */
final class QueryString {

    private final StringJoiner parameters = new StringJoiner("&");

    QueryString add(String name, Object value) {
        parameters.add(encode(name) + "=" + encode(String.valueOf(value)));
        return this;
    }

    /** Adds the parameter only when it has a value. */
    QueryString addIfPresent(String name, Object value) {
        return value == null ? this : add(name, value);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return parameters.toString();
    }
}
