package io.github.vapireceptionist.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.github.vapireceptionist.booking.ServiceCatalog;
import io.github.vapireceptionist.business.Business;
import io.github.vapireceptionist.business.Businesses;
import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.FixedServiceCatalog;
import io.github.vapireceptionist.support.LogCapture;
import io.github.vapireceptionist.support.TestBusinesses;
import io.github.vapireceptionist.support.VapiPayloads;
import io.github.vapireceptionist.support.Weekdays;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.CamelContext;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.spi.InterceptStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.util.TestSocketUtils;

/**
 * Two businesses on one deployment, each booked on its own sandbox calendar: each booking's confirmation speaks for
 * its own business. North texts from its own SMS number and emails from its own address; south has no Twilio sender
 * (its text is a dry run, logged, and north's still goes) and no email From of its own (SMTP_FROM). Name, channels,
 * phone and time zone are each business's; the deployment's settings (what BusinessesFileSettings gives the first
 * business at start) are set apart here, so a value read from them shows.
 */
@TestPropertySource(properties = {
    "businesses.by-path=true",
    "easyappointments.base-url=",
    "app.name=The Deployment",
    "twilio.account-sid=" + ConfirmationPerBusinessTest.ACCOUNT,
    "twilio.auth-token=twilio-test-token",
    "twilio.phone-number=+15005550000",
    "twilio.whatsapp-number=whatsapp:+15005550009",
    "confirmation.channels=whatsapp",
    "confirmation.budget-ms=3000",
    "email.smtp-host=127.0.0.1",
    "email.endpoint-host=127.0.0.1",
    "email.smtp-starttls=false",
    "email.timeout-ms=2000",
    "email.from=The Deployment <bookings@deployment.example>",
    "email.business-phone=000 0000 0000"
})
@Import(ConfirmationPerBusinessTest.TwoBusinesses.class)
class ConfirmationPerBusinessTest extends AppTest {

    static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    private static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";
    private static final String NORTH_SMS = "+15005550006";
    private static final String NORTH_PHONE = "0161 496 0001";
    private static final String SOUTH_PHONE = "029 2018 0002";
    private static final int SMTP_PORT = TestSocketUtils.findAvailableTcpPort();

    @RegisterExtension
    static final WireMockExtension twilio = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    @DynamicPropertySource
    static void standIns(DynamicPropertyRegistry registry) {
        registry.add("twilio.api-base-url", twilio::baseUrl);
        registry.add("email.smtp-port", () -> SMTP_PORT);
    }

    @TestConfiguration
    static class TwoBusinesses {

        @Bean
        @Primary
        Businesses northAndSouth() {
            Business north = TestBusinesses.business("north", null);
            Business south = TestBusinesses.business("south", null, ZoneId.of("America/New_York"));
            return new Businesses(List.of(
                    confirming(north, "North Physio", NORTH_PHONE, new Business.Confirmations(null, null, NORTH_SMS, null,
                            List.of("sms", "email"), "North Physio <hello@north.example>")),
                    confirming(south, "South Dental", SOUTH_PHONE, new Business.Confirmations(null, null, null, null,
                            List.of("whatsapp", "email"), null))), true);
        }

        @Bean
        @Primary
        ServiceCatalog fixedService() {
            return new FixedServiceCatalog();
        }

        @Bean
        SendsOfBusinesses sendsOfBusinesses() {
            return new SendsOfBusinesses();
        }
    }

    static Business confirming(Business business, String name, String phone, Business.Confirmations confirmations) {
        return new Business(business.id(), name, business.timezone(), business.defaultPhoneRegion(), phone, business.vapi(),
                business.webhook(), business.calendar(), confirmations, business.transferNumber());
    }

    /** The business property of the wire-tapped exchanges that reach the Twilio and SMTP sends. */
    static final class SendsOfBusinesses implements InterceptStrategy {

        final List<String> seen = new CopyOnWriteArrayList<>();

        @Override
        public Processor wrapProcessorInInterceptors(CamelContext context, NamedNode definition, Processor target, Processor next) {
            if (!"twilio-send-message".equals(definition.getId()) && !"smtp-send-email".equals(definition.getId())) {
                return target;
            }
            return exchange -> {
                Business business = exchange.getProperty(Businesses.EXCHANGE_PROPERTY, Business.class);
                seen.add(definition.getId() + " " + (business == null ? "none" : business.id()));
                target.process(exchange);
            };
        }
    }

    @Autowired
    SendsOfBusinesses sends;
    @Autowired
    CamelContext camel;

    private final LocalDate day = Weekdays.onOrAfter(LocalDate.now(ZoneId.of("America/New_York")).plusDays(3));

    @AfterEach
    void noSendInFlight() {
        await().atMost(Duration.ofSeconds(15)).until(() -> camel.getInflightRepository().size("send-email-confirmation") == 0
                && camel.getInflightRepository().size("send-confirmation") == 0);
    }

    @Test
    void eachBookingIsConfirmedInItsOwnBusinesssNameFromItsOwnSendersOnItsOwnChannels() throws Exception {
        twilio.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(201).withHeader("Content-Type",
                "application/json").withBody("{\"sid\":\"SM1234567890abcdef1234567890abcdef\",\"status\":\"queued\"}")));
        JsonNode north;
        JsonNode south;
        try (LogCapture logs = LogCapture.start()) {
            north = book("north", "n-book");
            south = book("south", "s-book");

            assertThat(north.get("confirmation_sent").asBoolean()).isTrue();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(logs.text())
                    .contains("confirmation_dry_run appointment_id=" + south.get("appointment_id").asInt() + " channel=WHATSAPP"));
            assertThat(logs.text().lines().filter(line -> line.contains("confirmation_dry_run")))
                    .as("south has no Twilio sender: its text only is a dry run").hasSize(1)
                    .allSatisfy(line -> assertThat(line).contains("South Dental: you're booked for"));
        }

        twilio.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES)));
        twilio.verify(postRequestedFor(urlPathEqualTo(MESSAGES))
                .withFormParam("To", equalTo("+447123456789"))
                .withFormParam("From", equalTo(NORTH_SMS))
                .withFormParam("Body", containing("North Physio: you're booked for"))
                .withFormParam("Body", containing("Your reference is " + north.get("appointment_id").asInt())));

        assertThat(smtp.waitForIncomingEmail(10_000, 2)).isTrue();
        MimeMessage northMail = mailTo("north@example.com");
        MimeMessage southMail = mailTo("south@example.com");
        assertThat(((InternetAddress) northMail.getFrom()[0]).getAddress()).isEqualTo("hello@north.example");
        assertThat(((InternetAddress) southMail.getFrom()[0]).getAddress()).as("no email From of its own: SMTP_FROM")
                .isEqualTo("bookings@deployment.example");
        assertThat(northMail.getSubject()).startsWith("North Physio: you're booked for");
        assertThat(southMail.getSubject()).startsWith("South Dental: you're booked for");
        assertThat(texts(northMail)).contains(NORTH_PHONE).doesNotContain(SOUTH_PHONE, "000 0000 0000");
        assertThat(texts(southMail)).contains(SOUTH_PHONE).doesNotContain(NORTH_PHONE, "000 0000 0000");
        assertThat(invitation(northMail)).contains("DTSTART;TZID=Europe/London:").contains("ORGANIZER;CN=\"North Physio\"");
        assertThat(invitation(southMail)).contains("DTSTART;TZID=America/New_York:").contains("SUMMARY:South Dental");

        assertThat(sends.seen).as("the wire-tapped sends keep their exchange's business")
                .containsExactlyInAnyOrder("twilio-send-message north", "smtp-send-email north", "smtp-send-email south");
    }

    private JsonNode book(String business, String toolCallId) throws Exception {
        JsonNode free = toolResult(call(business, VapiPayloads.toolCall(toolCallId + "-check", "check_availability",
                "{\"date\":\"" + day + "\"}")));
        String time = free.get("slots").get(0).asText();
        JsonNode booked = toolResult(call(business, VapiPayloads.toolCall(toolCallId, "book_appointment", "{\"date\":\"" + day
                + "\",\"time\":\"" + time + "\",\"first_name\":\"Zoe\",\"last_name\":\"Ng\",\"email\":\"" + business
                + "@example.com\",\"phone\":\"07123 456789\"}")));
        assertThat(booked.get("success").asBoolean()).as(booked.toString()).isTrue();
        return booked;
    }

    private HttpResponse<String> call(String business, String body) {
        HttpResponse<String> response = httpPost(WEBHOOK + "/" + business, body, "x-vapi-secret", TestBusinesses.secretOf(business));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    private MimeMessage mailTo(String address) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(mail -> {
            try {
                return ((InternetAddress) mail.getAllRecipients()[0]).getAddress().equals(address);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).findFirst().orElseThrow(() -> new AssertionError("no email to " + address));
    }

    /** The plain-text and HTML bodies, one after the other. */
    private static String texts(Part part) throws Exception {
        if (part.getContent() instanceof Multipart multipart) {
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                all.append(texts(multipart.getBodyPart(i)));
            }
            return all.toString();
        }
        return part.isMimeType("text/*") && part.getFileName() == null ? part.getContent().toString() : "";
    }

    private static String invitation(Part part) throws Exception {
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = invitation(multipart.getBodyPart(i));
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if (!"appointment.ics".equals(part.getFileName())) {
            return null;
        }
        try (InputStream in = part.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
