package io.github.vapireceptionist.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretTest {

    @ParameterizedTest
    @NullAndEmptySource
    void refusesToBeEmpty(String secret) {
        assertThatThrownBy(() -> Secret.of(secret)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void matchesOnlyTheExactSecret() {
        Secret secret = Secret.of("correct horse battery staple");

        assertThat(secret.matches("correct horse battery staple")).isTrue();
        assertThat(secret.matches("Correct horse battery staple")).isFalse();
        assertThat(secret.matches("correct horse battery staple ")).isFalse();
        assertThat(secret.matches("correct horse battery")).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "x"})
    void anEmptyOrWrongCandidateNeverMatches(String candidate) {
        assertThat(Secret.of("x-but-longer").matches(candidate)).isFalse();
    }

    @Test
    void matchesNonAsciiSecrets() {
        Secret secret = Secret.of("clé-secrète-ñ-€");

        assertThat(secret.matches("clé-secrète-ñ-€")).isTrue();
        assertThat(secret.matches("cle-secrete-n-E")).isFalse();
    }

    @Test
    void generatesDistinctUrlSafe256BitSecrets() {
        Set<String> generated = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            String secret = Secret.generate();
            assertThat(secret).hasSize(43).matches("[A-Za-z0-9_-]{43}");
            generated.add(secret);
        }
        assertThat(generated).hasSize(50);
    }

    @Test
    void aGeneratedSecretIsAcceptedByItsOwnMatcher() {
        String generated = Secret.generate();

        assertThat(Secret.of(generated).matches(generated)).isTrue();
        assertThat(Secret.of(generated).matches(Secret.generate())).isFalse();
    }
}
