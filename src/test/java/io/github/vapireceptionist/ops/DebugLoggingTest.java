package io.github.vapireceptionist.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.Weekdays;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

/** DEBUG=true adds the app's DEBUG lines, and still no body, email address or phone number reaches the log. */
@TestPropertySource(properties = "app.debug=true")
@ExtendWith(OutputCaptureExtension.class)
class DebugLoggingTest extends AppTest {

    /** Logging is set up once per JVM; this context's must be its own, with DEBUG on. */
    @BeforeAll
    static void loggingSetUpByThisContext() {
        LoggingSystem.get(DebugLoggingTest.class.getClassLoader()).cleanUp();
    }

    /** The level is JVM-wide: the contexts of later tests log at their own. */
    @AfterAll
    static void appLevelBackToItsDefault() {
        LoggingSystem.get(DebugLoggingTest.class.getClassLoader()).setLogLevel(DebugLogging.APP_PACKAGE, null);
    }

    @Test
    void debugLinesNameTheFunctionsAndArgumentsButNeverTheirValues(CapturedOutput output) {
        LocalDate day = Weekdays.onOrAfter(LocalDate.now(ZoneId.of("Europe/London")).plusDays(3));
        webhook("{\"message\":{\"type\":\"tool-calls\",\"toolCallList\":[{\"id\":\"tc-debug-1\",\"type\":\"function\","
                + "\"function\":{\"name\":\"book_appointment\",\"arguments\":{\"date\":\"" + day + "\",\"time\":\"16:00\","
                + "\"first_name\":\"Katherine\",\"last_name\":\"Johnson\",\"email\":\"katherine.johnson@example.com\","
                + "\"phone\":\"07123 456780\"}}}],\"call\":{\"id\":\"call-debug-1\",\"customer\":{\"number\":\"+447700900456\"}}}}");
        await().atMost(Duration.ofSeconds(20)).until(() -> output.getOut().contains("confirmation_dry_run"));

        assertThat(output.getOut())
                .contains("webhook_message type=tool-calls tool_calls=[book_appointment(date,time,first_name,last_name,email,phone)]")
                .contains("calendar_request operation=create-appointment outcome=success")
                .doesNotContain("katherine.johnson@example.com")
                .doesNotContain("7123456780").doesNotContain("07123 456780").doesNotContain("7700900456");
    }
}
