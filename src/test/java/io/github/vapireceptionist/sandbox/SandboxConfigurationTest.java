package io.github.vapireceptionist.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vapireceptionist.calendar.EasyAppointmentsProperties;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

class SandboxConfigurationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(EasyAppointmentsProperties.class)
    static class Infrastructure {
        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }

        @Bean
        ObjectMapper objectMapper() {
            return new ObjectMapper();
        }
    }

    // The controller is found by component scanning in the app; here it is registered the same way.
    // application.yaml supplies every other default.
    final WebApplicationContextRunner app = new WebApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withUserConfiguration(Infrastructure.class, SandboxConfiguration.class, SandboxApiController.class)
            .withPropertyValues("easyappointments.booking-horizon-days=60");

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void withoutABaseUrlTheSandboxExists(String baseUrl) {
        app.withPropertyValues("easyappointments.base-url=" + baseUrl).run(context -> {
            assertThat(context).hasSingleBean(SandboxCalendar.class)
                    .hasSingleBean(SandboxCredentials.class)
                    .hasSingleBean(SandboxApiController.class);
            assertThat(context.getBean(SandboxCalendar.class).setting("future_booking_limit").value())
                    .isEqualTo("60");
            assertThat(context.getBean(SandboxCalendar.class).provider(2).orElseThrow().timezone())
                    .isEqualTo("Europe/London");
        });
    }

    @Test
    void withABaseUrlThereIsNoSandboxAtAll() {
        app.withPropertyValues("easyappointments.base-url=https://booking.example.com").run(context -> {
            assertThat(context).hasNotFailed()
                    .doesNotHaveBean(SandboxCalendar.class)
                    .doesNotHaveBean(SandboxCredentials.class)
                    .doesNotHaveBean(SandboxApiController.class)
                    .doesNotHaveBean("sandboxCalendarWarning");
            assertThat(context.getBeansOfType(RequestMappingHandlerMapping.class).values())
                    .allSatisfy(mapping -> assertThat(mapping.getHandlerMethods().keySet())
                            .noneMatch(info -> info.toString().contains("/sandbox/")));
        });
    }

    @Test
    void theStartupWarningSaysItIsNotARealCalendarAndHowToLookInside() {
        String warning = SandboxConfiguration.startupWarning("sandbox", "sandbox", 2, 1, 8000);

        assertThat(warning)
                .startsWith("SANDBOX CALENDAR:")
                .contains("NOT a real calendar", "lost on restart")
                .contains("curl -u sandbox:sandbox "
                        + "http://localhost:8000/sandbox/easyappointments/index.php/api/v1/appointments")
                .doesNotContain("provider 2 and service 1");
    }

    @Test
    void theStartupWarningNeverShowsAPasswordOtherThanTheDefault() {
        String warning = SandboxConfiguration.startupWarning("admin", "correct-horse-battery", 2, 1, 9090);

        assertThat(warning)
                .contains("curl -u <user>:<password> http://localhost:9090/sandbox/easyappointments/index.php/api/v1/appointments")
                .doesNotContain("correct-horse-battery");
    }

    @Test
    void theStartupWarningFlagsIdsTheSandboxDoesNotHave() {
        assertThat(SandboxConfiguration.startupWarning("sandbox", "sandbox", 7, 1, 8000))
                .contains("The sandbox has providers [2, 32, 33] and services [1, 2, 3]", "7/1");
    }
}
