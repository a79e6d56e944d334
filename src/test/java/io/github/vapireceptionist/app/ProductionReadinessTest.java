package io.github.vapireceptionist.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.github.vapireceptionist.calendar.EasyAppointmentsProperties;
import io.github.vapireceptionist.webhook.HmacProperties;
import io.github.vapireceptionist.webhook.WebhookProperties;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A production instance refuses to start without a strong secret and a real calendar. */
class ProductionReadinessTest {

    private static final String SECRET_32 = "0123456789abcdef0123456789abcdef";
    private static final String SECRET_31 = SECRET_32.substring(1);
    private static final String BASE_URL = "https://booking.example.com";

    private static final String NO_SECRET = "WEBHOOK_SECRET is not set";
    private static final String SHORT_SECRET = "WEBHOOK_SECRET is shorter than 32 bytes";
    private static final String SANDBOX = "EASYAPPOINTMENTS_BASE_URL is not set";

    static AppProperties app(AppProperties.Environment env) {
        return new AppProperties("Vapi Receptionist", env, false, "INFO", "http://localhost:8000");
    }

    static EasyAppointmentsProperties calendar(String baseUrl) {
        return new EasyAppointmentsProperties(baseUrl, "https://booking.example.com/index.php/api/v1", "token", null, null,
                2, 1, ZoneId.of("Europe/London"), 90, 7, 1000, 2500);
    }

    static Stream<Arguments> developmentSettings() {
        return Stream.of(
                arguments(null, null),
                arguments("", ""),
                arguments("short", "  "),
                arguments(SECRET_32, BASE_URL));
    }

    @ParameterizedTest(name = "secret=<{0}> baseUrl=<{1}>")
    @MethodSource("developmentSettings")
    void developmentStartsWithAnything(String secret, String baseUrl) {
        assertThatCode(() -> ProductionReadiness.check(app(AppProperties.Environment.DEVELOPMENT), List.of(new WebhookProperties(secret), calendar(baseUrl))))
                .doesNotThrowAnyException();
    }

    static Stream<Arguments> unsafeProductionSettings() {
        return Stream.of(
                arguments("no secret", null, BASE_URL, List.of(NO_SECRET)),
                arguments("empty secret", "", BASE_URL, List.of(NO_SECRET)),
                arguments("blank secret", " ".repeat(40), BASE_URL, List.of(NO_SECRET)),
                arguments("31-byte secret", SECRET_31, BASE_URL, List.of(SHORT_SECRET)),
                arguments("no base URL", SECRET_32, null, List.of(SANDBOX)),
                arguments("blank base URL", SECRET_32, "  ", List.of(SANDBOX)),
                arguments("no secret, no base URL", null, "", List.of(NO_SECRET, SANDBOX)),
                arguments("short secret, no base URL", "changeme", null, List.of(SHORT_SECRET, SANDBOX)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsafeProductionSettings")
    void productionRefusesUnsafeSettingsListingEachProblem(String description, String secret, String baseUrl,
            List<String> expectedProblems) {
        assertThatThrownBy(() -> ProductionReadiness.check(app(AppProperties.Environment.PRODUCTION), List.of(new WebhookProperties(secret), calendar(baseUrl))))
                .isInstanceOfSatisfying(UnsafeConfigurationException.class, e -> {
                    assertThat(e.problems()).hasSameSizeAs(expectedProblems);
                    for (int i = 0; i < expectedProblems.size(); i++) {
                        assertThat(e.problems().get(i)).startsWith(expectedProblems.get(i));
                        assertThat(e.getMessage()).contains(e.problems().get(i));
                    }
                });
    }

    @Test
    void theShortSecretProblemSaysHowToMakeAGoodOne() {
        assertThatThrownBy(() -> ProductionReadiness.check(app(AppProperties.Environment.PRODUCTION), List.of(new WebhookProperties(SECRET_31), calendar(BASE_URL))))
                .isInstanceOfSatisfying(UnsafeConfigurationException.class, e ->
                        assertThat(e.problems()).singleElement().asString().contains("openssl rand -hex 32"));
    }

    @Test
    void productionStartsWithA32ByteSecretAndARealCalendar() {
        assertThatCode(() -> ProductionReadiness.check(app(AppProperties.Environment.PRODUCTION), List.of(new WebhookProperties(SECRET_32), calendar(BASE_URL))))
                .doesNotThrowAnyException();
    }

    @Test
    void anHmacSecretMustBe256BitsTooAndTheProblemSaysHowToMakeOne() {
        WebhookProperties shortHmac = new WebhookProperties(SECRET_32, WebhookProperties.AuthMode.HMAC,
                new HmacProperties(SECRET_31, null, null, null, null, null, null), null);
        WebhookProperties goodHmac = new WebhookProperties(SECRET_32, WebhookProperties.AuthMode.HMAC,
                new HmacProperties(SECRET_32, null, null, null, null, null, null), null);

        assertThatThrownBy(() -> ProductionReadiness.check(app(AppProperties.Environment.PRODUCTION), List.of(shortHmac, calendar(BASE_URL))))
                .isInstanceOfSatisfying(UnsafeConfigurationException.class, e -> assertThat(e.problems()).singleElement().asString()
                        .startsWith("WEBHOOK_HMAC_SECRET is shorter than 32 bytes").contains("openssl rand -hex 32"));
        assertThatCode(() -> ProductionReadiness.check(app(AppProperties.Environment.PRODUCTION), List.of(goodHmac, calendar(BASE_URL))))
                .doesNotThrowAnyException();
        assertThatCode(() -> ProductionReadiness.check(app(AppProperties.Environment.DEVELOPMENT), List.of(shortHmac, calendar(BASE_URL))))
                .doesNotThrowAnyException();
    }

    @Test
    void secretLengthIsCountedInBytes() {
        // 16 characters, 32 bytes in UTF-8
        String twoByteChars = "é".repeat(16);

        assertThatCode(() -> ProductionReadiness.check(app(AppProperties.Environment.PRODUCTION), List.of(new WebhookProperties(twoByteChars), calendar(BASE_URL))))
                .doesNotThrowAnyException();
    }

    @Test
    void theFailureAnalysisListsEveryProblem() {
        UnsafeConfigurationException unsafe = new UnsafeConfigurationException(List.of("first problem", "second problem"));
        Throwable asSpringReportsIt = new BeanCreationException("productionReadiness", "Failed to instantiate", unsafe);

        FailureAnalysis analysis = new UnsafeConfigurationFailureAnalyzer().analyze(asSpringReportsIt);

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription())
                .isEqualTo("APP_ENV=production, but:\n  - first problem\n  - second problem");
        assertThat(analysis.getAction()).contains("APP_ENV=development");
        assertThat(analysis.getCause()).isSameAs(unsafe);
    }

    @Test
    void theFailureAnalysisOfARealCheck() {
        UnsafeConfigurationException unsafe = org.assertj.core.api.Assertions.catchThrowableOfType(
                UnsafeConfigurationException.class,
                () -> ProductionReadiness.check(app(AppProperties.Environment.PRODUCTION), List.of(new WebhookProperties(null), calendar(null))));

        FailureAnalysis analysis = new UnsafeConfigurationFailureAnalyzer().analyze(unsafe);

        assertThat(analysis.getDescription()).contains(NO_SECRET).contains(SANDBOX);
    }

    @Test
    void otherFailuresAreLeftToOtherAnalyzers() {
        assertThat(new UnsafeConfigurationFailureAnalyzer().analyze(new IllegalStateException("no"))).isNull();
    }
}
