package io.github.vapireceptionist.booking;

import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.API;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.vapireceptionist.business.Business;
import io.github.vapireceptionist.business.Businesses;
import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.EasyAppointmentsStubs;
import io.github.vapireceptionist.support.FixedServiceCatalog;
import io.github.vapireceptionist.support.TestBusinesses;
import io.github.vapireceptionist.support.VapiPayloads;
import io.github.vapireceptionist.support.Weekdays;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

/**
 * A booking naming no service or person is for its business's own default provider and service (its calendar's
 * ids), not the deployment's: south books provider 5 and service 3 where the deployment's settings say 2 and 1, and
 * a second booking of the same slot by the same caller is recognised as theirs by those ids.
 */
@TestPropertySource(properties = "businesses.by-path=true")
@Import(DefaultIdsPerBusinessTest.SouthWithItsOwnIds.class)
class DefaultIdsPerBusinessTest extends AppTest {

    @RegisterExtension
    static final WireMockExtension south = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TestConfiguration
    static class SouthWithItsOwnIds {

        @Bean
        @Primary
        Businesses northAndSouth() {
            Business plain = TestBusinesses.business("south", south.baseUrl());
            Business.Calendar its = plain.calendar();
            Business southWithOwnIds = new Business(plain.id(), plain.name(), plain.timezone(), plain.defaultPhoneRegion(),
                    plain.phone(), plain.vapi(), plain.webhook(), new Business.Calendar(its.baseUrl(), its.apiToken(),
                            its.apiUsername(), its.apiPassword(), 3, 5, List.of(), List.of()),
                    plain.confirmations(), plain.transferNumber());
            return new Businesses(List.of(TestBusinesses.business("north", null), southWithOwnIds), true);
        }

        @Bean
        @Primary
        ServiceCatalog fixedService() {
            return new FixedServiceCatalog();
        }
    }

    private final LocalDate day = Weekdays.onOrAfter(LocalDate.now(ZoneId.of("Europe/London")).plusDays(2));

    @Test
    void southsBookingIsForItsOwnProviderAndServiceAndIsKnownAgainByThem() throws Exception {
        EasyAppointmentsStubs.salonWithJaneFreeOn(south, day, "[]");
        EasyAppointmentsStubs.slots(south, 5, 3, day, "[\"10:00\"]");
        String booked = EasyAppointmentsStubs.appointment(61, 5, 3, day + " 10:00:00", day + " 10:30:00", 57);
        EasyAppointmentsStubs.aCalendarThatBooks(south, booked);

        JsonNode first = toolResult(book("s-book-1"));

        assertThat(first.get("appointment_id").asInt()).as(first.toString()).isEqualTo(61);
        south.verify(postRequestedFor(urlPathEqualTo(API + "/appointments"))
                .withRequestBody(matchingJsonPath("$.providerId", WireMock.equalTo("5")))
                .withRequestBody(matchingJsonPath("$.serviceId", WireMock.equalTo("3"))));

        // the calendar now lists it as the caller's: the same booking again is theirs already, not a second one
        south.stubFor(WireMock.get(urlPathEqualTo(API + "/customers")).willReturn(EasyAppointmentsStubs.ok("["
                + EasyAppointmentsStubs.customer(57, "zoe@example.com", "+447123456789") + "]")));
        south.stubFor(WireMock.get(urlPathEqualTo(API + "/appointments")).withQueryParam("customerId", WireMock.equalTo("57"))
                .willReturn(EasyAppointmentsStubs.ok("[" + booked + "]")));
        JsonNode again = toolResult(book("s-book-2"));

        assertThat(again.get("appointment_id").asInt()).as(again.toString()).isEqualTo(61);
        assertThat(south.findAll(postRequestedFor(urlPathEqualTo(API + "/appointments")))).hasSize(1);
    }

    private java.net.http.HttpResponse<String> book(String id) {
        return httpPost(WEBHOOK + "/south", VapiPayloads.toolCall(id, "book_appointment", "{\"date\":\"" + day
                + "\",\"time\":\"10:00\",\"first_name\":\"Zoë\",\"last_name\":\"Ng\",\"email\":\"zoe@example.com\","
                + "\"phone\":\"07123 456789\"}"), "x-vapi-secret", TestBusinesses.secretOf("south"));
    }
}
