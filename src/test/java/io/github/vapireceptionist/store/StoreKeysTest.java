package io.github.vapireceptionist.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The keys of one business's entries: the default business's exactly as before there were several (a running
 * single-business deployment keeps what it has in Redis), any other's with {@code :b:<id>:} after the kind.
 */
class StoreKeysTest {

    private static final byte[] KEY = StoreKey.of(null, "webhook-secret-0123456789-0123456789-abc");
    private static final String CALL = "call_42";

    /** HMAC-SHA256 of {@code text} under the store key, in hex: computed here, not by the class under test. */
    private static String hmac(String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theDefaultBusinessKeepsTheKeysThereWereBeforeSeveral() throws Exception {
        StoreKeys before = new StoreKeys("tool-answers", KEY);
        StoreKeys byDefault = new StoreKeys("tool-answers", "default", KEY);

        assertThat(byDefault.entry(CALL)).isEqualTo(before.entry(CALL)).isEqualTo("vapi-receptionist:tool-answers:" + hmac(CALL));
        assertThat(byDefault.person("Ada@Example.com")).isEqualTo(before.person("ada@example.com"))
                .isEqualTo("vapi-receptionist:tool-answers:person:" + hmac("ada@example.com"));
        assertThat(byDefault.named("open")).isEqualTo("vapi-receptionist:tool-answers:open");
    }

    @Test
    void anotherBusinessHasItsIdInItsKeys() throws Exception {
        StoreKeys north = new StoreKeys("cancellations", "north", KEY);

        assertThat(north.entry("42")).isEqualTo("vapi-receptionist:cancellations:b:north:" + hmac("42"));
        assertThat(north.person("ada@example.com")).isEqualTo("vapi-receptionist:cancellations:b:north:person:" + hmac("ada@example.com"));
        assertThat(north.named("open")).isEqualTo("vapi-receptionist:cancellations:b:north:open");
        assertThat(new StoreKeys("cancellations", "south", KEY).entry("42")).isNotEqualTo(north.entry("42"));
    }

    @Test
    void aBusinessIdThatCouldBeReadAsAnotherKeyIsRefused() {
        for (String id : new String[] {"", "North", "a:b", "b:north", "north ", "x".repeat(64)}) {
            assertThatThrownBy(() -> new StoreKeys("tool-answers", id, KEY)).as(id).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> SharedStore.inMemory().forBusiness(id)).as(id).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new StoreKeys("tool-answers", null, KEY)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void inMemoryEachBusinessHasItsOwnMapsSoOneFillingItsCapacityEvictsNoOtherBusinesssEntries() {
        SharedStore store = SharedStore.inMemory();
        RememberedAnswers south = store.forBusiness("south").answers("tool-answers", 2);
        RememberedAnswers north = store.forBusiness("north").answers("tool-answers", 2);
        south.put(CALL, "south's answer", Duration.ofHours(1));

        for (int i = 0; i < 1_000; i++) {
            north.put("north-call-" + i, "north's answer", Duration.ofHours(1));
        }

        assertThat(south.get(CALL)).contains("south's answer");
        assertThat(north.get(CALL)).isEmpty();
        assertThat(store.forBusiness("north").claims("confirmations", 10).claim("kept:42", Duration.ofHours(1))).isTrue();
        assertThat(store.forBusiness("south").claims("confirmations", 10).claim("kept:42", Duration.ofHours(1))).isTrue();
    }
}
