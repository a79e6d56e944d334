package io.github.vapireceptionist.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StoreKeyTest {

    private static final String WEBHOOK_SECRET = "webhook-secret-0123456789-0123456789-abc";

    @Test
    void derivedFromTheWebhookSecretTheSameOnEveryInstanceButNotTheSecretItself() {
        byte[] key = StoreKey.of("", WEBHOOK_SECRET);

        assertThat(StoreKey.of(null, WEBHOOK_SECRET)).isEqualTo(key);
        assertThat(key).hasSize(32).isNotEqualTo(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8));
        assertThat(StoreKey.of(null, WEBHOOK_SECRET + "x")).isNotEqualTo(key);
    }

    @Test
    void anOwnKeyWinsAndMustBeLongEnoughWithoutBeingRepeated() {
        String own = "shared-store-key-0123456789-0123456789";
        assertThat(StoreKey.of(own, WEBHOOK_SECRET)).isEqualTo(own.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> StoreKey.of("too-short-key", WEBHOOK_SECRET))
                .hasMessageContaining("at least 32 bytes").hasMessageNotContaining("too-short-key");
        assertThatThrownBy(() -> StoreKey.of(null, " ")).hasMessageContaining("SHARED_STORE_KEY or WEBHOOK_SECRET");
    }

    @Test
    void theSameKeyHashesTheSameAnotherKeyDifferently() {
        byte[] key = StoreKey.of(null, WEBHOOK_SECRET);
        String caller = "+447700900123";

        assertThat(new StoreKeys("caller-attempts", key).entry(caller))
                .isEqualTo(new StoreKeys("caller-attempts", key.clone()).entry(caller))
                .isNotEqualTo(new StoreKeys("caller-attempts", StoreKey.random()).entry(caller))
                .doesNotContain(caller.substring(1));
    }
}
