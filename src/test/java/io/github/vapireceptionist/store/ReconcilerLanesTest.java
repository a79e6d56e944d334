package io.github.vapireceptionist.store;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.github.vapireceptionist.store.SameIdsInTwoCalendarsTest.CANCEL_42;
import static io.github.vapireceptionist.store.SameIdsInTwoCalendarsTest.RECONCILER;
import static io.github.vapireceptionist.store.SameIdsInTwoCalendarsTest.ZOE;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.API;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.vapireceptionist.business.Businesses;
import io.github.vapireceptionist.reconcile.UncertainWrite;
import io.github.vapireceptionist.reconcile.UncertainWrites;
import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.CalendarCallRecorder;
import io.github.vapireceptionist.support.TestBusinesses;
import io.github.vapireceptionist.support.VapiPayloads;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The reconciler settles each business's uncertain writes on a lane of its own: while north's calendar hangs on the
 * withdrawal of north's appointment 42, south's uncertain cancel of its own 42 is settled at south, and north's item
 * stays open until north's calendar answers, then is settled too. Settled one after another across businesses (as
 * before the lanes), south's item could not be settled before north's hanging delete had answered and north's item
 * was settled. Its context is not kept for other classes (a write timeout long enough to hang on, a reconciler every
 * 100 ms).
 */
@TestPropertySource(properties = {"businesses.by-path=true", "reconciliation.period-ms=100",
    "easyappointments.write-timeout-ms=10000"})
@Import(ReconcilerLanesTest.TwoCalendars.class)
@DirtiesContext
class ReconcilerLanesTest extends AppTest {

    /** How long north's calendar takes to answer the withdrawal of its 42. */
    static final int NORTH_HANGS_MS = 3000;
    static final String DELETE_42 = "south's delete of 42";

    @RegisterExtension
    static final WireMockExtension northCalendar = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
    @RegisterExtension
    static final WireMockExtension southCalendar = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TestConfiguration
    static class TwoCalendars {

        @Bean
        @Primary
        Businesses twoBusinesses() {
            return new Businesses(List.of(TestBusinesses.business("north", northCalendar.baseUrl()),
                    TestBusinesses.business("south", southCalendar.baseUrl())), true);
        }

        @Bean
        CalendarCallRecorder calendarCallRecorder() {
            return new CalendarCallRecorder();
        }
    }

    @DynamicPropertySource
    static void calendars(DynamicPropertyRegistry registry) {
        registry.add("easyappointments.base-url", northCalendar::baseUrl);
        registry.add("easyappointments.api-token", () -> TestBusinesses.tokenOf("north"));
    }

    @Autowired
    UncertainWrites uncertainWrites;
    @Autowired
    CalendarCallRecorder calendarCalls;
    @Autowired
    CamelContext camel;

    final LocalDate day = SameIdsInTwoCalendarsTest.nextWeekday();

    @AfterEach
    void reconcilerRuns() throws Exception {
        camel.getRouteController().startRoute(RECONCILER);
    }

    @Test
    void southsItemIsSettledWhileNorthsCalendarHangsAndNorthsOnceItAnswers() throws Exception {
        for (WireMockExtension calendar : List.of(northCalendar, southCalendar)) {
            SameIdsInTwoCalendarsTest.giveZoeAppointment42(calendar, day);
            // the cancel's delete and the reads after it are lost: the outcome is left to the reconciler
            calendar.stubFor(get(urlPathEqualTo(API + "/appointments/42")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        }
        northCalendar.stubFor(delete(urlPathEqualTo(API + "/appointments/42")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        camel.getRouteController().stopRoute(RECONCILER);
        cancel42("north");
        northCalendar.stubFor(delete(urlPathEqualTo(API + "/appointments/42"))
                .willReturn(aResponse().withStatus(204).withFixedDelay(NORTH_HANGS_MS)));
        calendarCalls.clear();
        camel.getRouteController().startRoute(RECONCILER);
        await().atMost(Duration.ofSeconds(2)).until(() -> calendarCalls.businessesOf("ea-delete-appointment").contains("north"));

        // north's withdrawal hangs; south's cancel is lost now, its delete answers the reconciler at once
        southCalendar.stubFor(delete(urlPathEqualTo(API + "/appointments/42")).inScenario(DELETE_42).whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("answering"));
        southCalendar.stubFor(delete(urlPathEqualTo(API + "/appointments/42")).inScenario(DELETE_42).whenScenarioStateIs("answering")
                .willReturn(aResponse().withStatus(204)));
        cancel42("south");
        await().atMost(Duration.ofMillis(NORTH_HANGS_MS - 1000)).until(() -> openKeys().equals(List.of("north:appointment-42")));

        assertThat(northCalendar.findAll(deleteRequestedFor(urlPathEqualTo(API + "/appointments/42"))))
                .as("north's calendar has not answered the reconciler yet: one delete of the cancel, one hanging").hasSize(2);
        southCalendar.verify(2, deleteRequestedFor(urlPathEqualTo(API + "/appointments/42")));

        await().atMost(Duration.ofMillis(NORTH_HANGS_MS + 5000)).until(uncertainWrites::allSettled);
        assertThat(calendarCalls.calls()).filteredOn(call -> call.fromRoute().equals(RECONCILER)).as("the reconciler's calendar calls")
                .extracting(CalendarCallRecorder.Call::business).containsOnly("north", "south");
        assertThat(calendarCalls.calls()).filteredOn(call -> call.node().equals("ea-delete-appointment") && call.business().equals("north"))
                .as("north's item waited for its own calendar, not tried again meanwhile").hasSize(1);
    }

    /** Zoe cancels 42 at {@code business}, whose calendar loses the answer: an uncertain cancel, left open. */
    private void cancel42(String business) throws Exception {
        HttpResponse<String> response = httpPost(WEBHOOK + "/" + business,
                VapiPayloads.toolCallFrom(ZOE, business + "-cancel", "cancel_appointment", CANCEL_42),
                "x-vapi-secret", TestBusinesses.secretOf(business));
        assertThat(toolError(response)).startsWith("I couldn't confirm that the cancellation went through");
    }

    private List<String> openKeys() {
        return uncertainWrites.pending().stream().map(UncertainWrite::key).sorted().toList();
    }
}
