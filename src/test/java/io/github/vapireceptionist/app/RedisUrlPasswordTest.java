package io.github.vapireceptionist.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** REDIS_URL's password, handed to the log masking before anything could log it (SecretsHiddenInLogs). */
class RedisUrlPasswordTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "none", value = {
        "redis://:s3cret-redis-pass@redis:6379/0     | s3cret-redis-pass",
        "rediss://app:s3cret%40pass@redis.example:6380 | s3cret@pass",
        "redis://redis:6379/0                        | none",
        "' '                                         | none",
    })
    void thePasswordIsTheUserInfoAfterItsColon(String url, String password) {
        assertThat(SecretsHiddenInLogs.redisPassword(url.strip())).isEqualTo(password);
    }

    @Test
    void aMaskedPasswordNeverReachesALogLine() {
        PiiMasking.hideSecret(SecretsHiddenInLogs.redisPassword("redis://:hidden-redis-password-42@redis:6379/0"));

        assertThat(PiiMasking.mask("AUTH failed with hidden-redis-password-42")).doesNotContain("hidden-redis-password-42");
    }
}
