package io.github.vapireceptionist.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vapireceptionist.core.Secret;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Who may run anything: the shared secret in x-vapi-secret, or the same secret as a Bearer token. */
class WebhookAuthenticatorTest {

    private static final String SECRET = "s3cret-Token_0123456789abcdefghijkl";

    private final WebhookAuthenticator authenticator = new WebhookAuthenticator(Secret.of(SECRET));

    // Columns: x-vapi-secret | Authorization; an unquoted empty column is a missing header (null).
    @ParameterizedTest(name = "[{index}] x-vapi-secret=<{0}> Authorization=<{1}>")
    @CsvSource(delimiter = '|', textBlock = """
            s3cret-Token_0123456789abcdefghijkl   |
                                                  | Bearer s3cret-Token_0123456789abcdefghijkl
            s3cret-Token_0123456789abcdefghijkl   | Bearer wrong
            wrong                                 | Bearer s3cret-Token_0123456789abcdefghijkl
            ''                                    | Bearer s3cret-Token_0123456789abcdefghijkl
                                                  | bearer s3cret-Token_0123456789abcdefghijkl
                                                  | BEARER s3cret-Token_0123456789abcdefghijkl
                                                  | 'Bearer   s3cret-Token_0123456789abcdefghijkl  '
            """)
    void acceptsTheSecretInEitherHeader(String sharedSecret, String authorization) {
        assertThat(authenticator.rejectsSecret(sharedSecret, authorization)).isFalse();
    }

    @ParameterizedTest(name = "[{index}] x-vapi-secret=<{0}> Authorization=<{1}>")
    @CsvSource(delimiter = '|', textBlock = """
                                                  |
            ''                                    | ''
            '   '                                 | '   '
            wrong                                 |
            s3cret                                |
            s3cret-Token_0123456789abcdefghij     |
            s3cret-Token_0123456789abcdefghijklm  |
            xs3cret-Token_0123456789abcdefghijkl  |
            S3CRET-TOKEN_0123456789ABCDEFGHIJKL   |
            ' s3cret-Token_0123456789abcdefghijkl'|
            Bearer s3cret-Token_0123456789abcdefghijkl |
                                                  | s3cret-Token_0123456789abcdefghijkl
                                                  | Bearer wrong
                                                  | Bearer
                                                  | 'Bearer '
                                                  | 'Bearer    '
                                                  | Basic s3cret-Token_0123456789abcdefghijkl
                                                  | Token s3cret-Token_0123456789abcdefghijkl
                                                  | Bearers3cret-Token_0123456789abcdefghijkl
                                                  | Bearer s3cret-Token_0123456789abcdefghij
                                                  | Bearer S3CRET-TOKEN_0123456789ABCDEFGHIJKL
            ''                                    | Bearer
            """)
    void rejectsEverythingElse(String sharedSecret, String authorization) {
        assertThat(authenticator.rejectsSecret(sharedSecret, authorization)).isTrue();
    }
}
