package io.github.vapireceptionist.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who may call the sandbox, checked the way Easy!Appointments' {@code Api::auth()} does: the
 * Bearer token first (when one is configured), then HTTP Basic with the admin's credentials.
 * Secrets are compared in constant time.
 */
public final class SandboxCredentials {

    // Api::get_bearer_token(): preg_match('/Bearer\s(\S+)/', $header)
    private static final Pattern BEARER = Pattern.compile("Bearer\\s(\\S+)");
    private static final String BASIC = "basic ";

    private final byte[] username;
    private final byte[] password;
    private final byte[] apiToken;

    public SandboxCredentials(String username, String password, String apiToken) {
        this.username = bytes(username);
        this.password = bytes(password);
        this.apiToken = bytes(apiToken);
    }

    /** Whether an {@code Authorization} header value (null when absent) lets the call in. */
    public boolean accepts(String authorization) {
        if (authorization == null) {
            return false;
        }
        return acceptsBearer(authorization) || acceptsBasic(authorization.trim());
    }

    private boolean acceptsBearer(String authorization) {
        if (apiToken.length == 0) {
            return false;
        }
        Matcher bearer = BEARER.matcher(authorization);
        return bearer.find() && MessageDigest.isEqual(bytes(bearer.group(1)), apiToken);
    }

    private boolean acceptsBasic(String authorization) {
        if (username.length == 0
                || password.length == 0
                || authorization.length() <= BASIC.length()
                || !authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            return false;
        }
        String pair;
        try {
            pair = new String(Base64.getDecoder().decode(authorization.substring(BASIC.length()).trim()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        int colon = pair.indexOf(':');
        if (colon < 0) {
            return false;
        }
        // Both halves are always compared, so the time taken does not tell which one was wrong.
        boolean userMatches = MessageDigest.isEqual(bytes(pair.substring(0, colon)), username);
        boolean passwordMatches = MessageDigest.isEqual(bytes(pair.substring(colon + 1)), password);
        return userMatches & passwordMatches;
    }

    private static byte[] bytes(String value) {
        return value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8);
    }
}
