package io.github.vapireceptionist.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SandboxCredentialsTest {

    static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "BASIC admin:s3cr:et   | true",
            "BASIC admin:wrong     | false",
            "BASIC Admin:s3cr:et   | false",
            "BASIC admin:          | false",
            "BASIC :s3cr:et        | false",
            "BASIC admin           | false",
            "Basic !!!notbase64    | false",
            "Bearer tok-123        | false",
            "NULL                  | false",
            "''                    | false"})
    void basicAuthNeedsTheExactUserAndPassword(String header, boolean accepted) {
        SandboxCredentials credentials = new SandboxCredentials("admin", "s3cr:et", "");

        assertThat(credentials.accepts(expand(header))).isEqualTo(accepted);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "Bearer tok-123        | true",
            "Bearer tok-1234       | false",
            "Bearer tok-12         | false",
            "bearer tok-123        | false",
            "Bearer                | false",
            "BASIC admin:s3cr:et   | true",
            "BASIC admin:tok-123   | false"})
    void aConfiguredTokenIsAcceptedAsBearerAndBasicStillWorks(String header, boolean accepted) {
        SandboxCredentials credentials = new SandboxCredentials("admin", "s3cr:et", "tok-123");

        assertThat(credentials.accepts(expand(header))).isEqualTo(accepted);
    }

    @ParameterizedTest
    @CsvSource({"'', sandbox", "sandbox, ''"})
    void blankConfiguredCredentialsAcceptNoBasicAuthAtAll(String username, String password) {
        SandboxCredentials credentials = new SandboxCredentials(username, password, null);

        assertThat(credentials.accepts(basic(username + ":" + password))).isFalse();
        assertThat(credentials.accepts("Bearer ")).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"basic", "BASIC", "Basic"})
    void theBasicSchemeIsCaseInsensitive(String scheme) {
        SandboxCredentials credentials = new SandboxCredentials("sandbox", "sandbox", null);
        String encoded = Base64.getEncoder().encodeToString("sandbox:sandbox".getBytes(StandardCharsets.UTF_8));

        assertThat(credentials.accepts(scheme + " " + encoded)).isTrue();
    }

    private static String expand(String header) {
        return header != null && header.startsWith("BASIC ") ? basic(header.substring(6)) : header;
    }
}
