package io.github.vapireceptionist.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Vapi ids a message names, read before authentication: only where Vapi puts them, never from a hostile body. */
class VapiIdsTest {

    private static final JsonFactory JSON = new JsonFactory();

    private static VapiIds read(String body) {
        return VapiIds.read(JSON, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsThePhoneNumbersAndTheAssistantsIdsInTheOrderTheyDecide() {
        VapiIds ids = read("{\"message\":{\"type\":\"tool-calls\",\"call\":{\"id\":\"c\",\"assistantId\":\"a-call\","
                + "\"phoneNumberId\":\"pn-call\",\"customer\":{\"number\":\"+44\"}},\"assistant\":{\"id\":\"a-1\",\"model\":{\"id\":\"gpt\"}},"
                + "\"phoneNumber\":{\"id\":\"pn-1\",\"number\":\"+441632960000\"},\"toolCallList\":[{\"id\":\"t\"}]}}");

        assertThat(ids.phoneNumberIds()).containsExactly("pn-1", "pn-call");
        assertThat(ids.assistantIds()).containsExactly("a-1", "a-call");
    }

    @Test
    void readsTheUnwrappedShapeAndIgnoresIdsOutsideTheirPlace() {
        assertThat(read("{\"type\":\"function-call\",\"call\":{\"phoneNumberId\":\"pn-1\"}}").phoneNumberIds()).containsExactly("pn-1");
        assertThat(read("{\"message\":{\"artifact\":{\"phoneNumber\":{\"id\":\"pn-x\"}},\"assistant\":{\"model\":{\"id\":\"gpt\"}}}}"))
                .isEqualTo(new VapiIds(List.of(), List.of()));
        assertThat(read("{\"message\":{\"phoneNumber\":{\"id\":7}}}").phoneNumberIds()).isEmpty();
    }

    @Test
    void aBodyThatIsNoJsonObjectOrBreaksTheLimitsNamesNothing() {
        JsonFactory limited = JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(3).build()).build();

        assertThat(read("not json")).isEqualTo(VapiIds.NONE);
        assertThat(read("[\"pn-1\"]")).isEqualTo(VapiIds.NONE);
        assertThat(read("{\"message\":{\"phoneNumber\":{\"id\":\"pn-1\"}")).isEqualTo(VapiIds.NONE);
        assertThat(VapiIds.read(limited, "{\"message\":{\"call\":{\"x\":{\"y\":{}}},\"phoneNumber\":{\"id\":\"pn-1\"}}}"
                .getBytes(StandardCharsets.UTF_8))).isEqualTo(VapiIds.NONE);
        assertThat(VapiIds.read(JSON, new byte[0])).isEqualTo(VapiIds.NONE);
    }
}
