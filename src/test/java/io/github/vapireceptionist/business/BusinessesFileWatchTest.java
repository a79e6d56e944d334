package io.github.vapireceptionist.business;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.BusinessesFiles;
import io.github.vapireceptionist.support.LogCapture;
import io.github.vapireceptionist.support.VapiPayloads;
import io.github.vapireceptionist.support.Weekdays;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** A change to BUSINESSES_FILE is applied without a restart or a call; a broken file is refused and changes nothing. */
@TestPropertySource(properties = {"businesses.file=" + BusinessesFileWatchTest.FILE, "businesses.watch-settle-ms=200",
        "CLINIC_SECRET_1=" + BusinessesReloadTest.FIRST_SECRET, "CLINIC_SECRET_2=" + BusinessesReloadTest.SECOND_SECRET})
class BusinessesFileWatchTest extends AppTest {

    static final String FILE = "target/test-businesses/watched.yaml";
    private static final LocalDate DAY = Weekdays.onOrAfter(LocalDate.now(ZoneId.of("Europe/London")).plusDays(2));

    static {
        BusinessesFiles.write("watched.yaml", BusinessesReloadTest.clinic("First Clinic", "CLINIC_SECRET_1"));
    }

    @Test
    void anEditedFileIsAppliedAndABrokenOneIsRefusedWhileTheRunningSetStays() {
        assertThat(checkAvailability(BusinessesReloadTest.FIRST_SECRET).statusCode()).isEqualTo(200);

        BusinessesFiles.write("watched.yaml", BusinessesReloadTest.clinic("Second Clinic", "CLINIC_SECRET_2"));

        await().atMost(Duration.ofSeconds(20))
                .until(() -> checkAvailability(BusinessesReloadTest.SECOND_SECRET).statusCode() == 200);
        assertThat(checkAvailability(BusinessesReloadTest.FIRST_SECRET).statusCode()).isEqualTo(401);

        try (LogCapture log = LogCapture.start()) {
            BusinessesFiles.write("watched.yaml", "businesses:\n  - id: Clinic!\n");

            await().atMost(Duration.ofSeconds(20)).until(() -> log.text().contains("businesses_reload_refused"));
        }
        assertThat(checkAvailability(BusinessesReloadTest.SECOND_SECRET).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> checkAvailability(String secret) {
        return httpPost(WEBHOOK, VapiPayloads.toolCall("call_watch", "check_availability", "{\"date\":\"" + DAY + "\"}")
                .replace("\"call\":{", "\"call\":{\"phoneNumberId\":\"pn-clinic\","), "x-vapi-secret", secret);
    }
}
