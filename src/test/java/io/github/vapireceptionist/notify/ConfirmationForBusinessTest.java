package io.github.vapireceptionist.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.type.PhoneNumber;
import io.github.vapireceptionist.app.AppProperties;
import io.github.vapireceptionist.business.Business;
import io.github.vapireceptionist.notify.ConfirmationProperties.Channel;
import io.github.vapireceptionist.support.TestBusinesses;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/**
 * A confirmation made for a business: its name, its channels, its own Twilio sender (none: a dry run for it alone),
 * email only where it lists email and SMTP is set up. Made without one, it keeps the deployment's settings.
 */
class ConfirmationForBusinessTest {

    private static final TwilioProperties DEPLOYMENT_TWILIO = new TwilioProperties("AC0", "token", "+15005550000",
            "whatsapp:+15005550009", null, 1000, 1000);
    private static final TwilioProperties NO_ACCOUNT = new TwilioProperties(null, null, "+15005550000", null, null, 1000, 1000);

    private static Confirmations confirmations(TwilioProperties twilio) {
        return new Confirmations(new ConfirmationProperties(List.of(Channel.WHATSAPP), "{business}: booked, ref {ref}.", 0, 0, 10),
                twilio, new AppProperties("The Deployment", AppProperties.Environment.DEVELOPMENT, false, "INFO", "http://localhost"),
                new SimpleMeterRegistry(), true);
    }

    private static Confirmation booked(Confirmations confirmations) {
        return confirmations.prepare(42, LocalDateTime.of(2030, 1, 7, 10, 0), null, "Ada", "Lovelace", "+447123456789",
                "ada@example.com");
    }

    private static Business business(String id, String name, String smsFrom, String whatsappFrom, List<String> channels) {
        Business plain = TestBusinesses.business(id, null);
        return new Business(id, name, plain.timezone(), plain.defaultPhoneRegion(), null, plain.vapi(), plain.webhook(),
                plain.calendar(), new Business.Confirmations(null, null, smsFrom, whatsappFrom, channels, null), null);
    }

    @Test
    void madeForABusinessItSpeaksInItsNameOnItsChannelsFromItsOwnNumber() {
        Confirmations confirmations = confirmations(DEPLOYMENT_TWILIO);
        Business north = business("north", "North Physio", "+15005550006", null, List.of("sms", "email"));

        Confirmation deployments = booked(confirmations);
        Confirmation norths = deployments.forBusiness(north);

        assertThat(deployments.text()).isEqualTo("The Deployment: booked, ref 42.");
        assertThat(deployments.channel()).isEqualTo(Channel.WHATSAPP);
        assertThat(deployments.startEmail()).as("the deployment's channels have no email").isFalse();
        assertThat(norths.business()).isEqualTo(north);
        assertThat(norths.text()).isEqualTo("North Physio: booked, ref 42.");
        assertThat(norths.channel()).isEqualTo(Channel.SMS);
        assertThat(norths.dryRun()).isFalse();
        assertThat(norths.startEmail()).isTrue();
        assertThat(norths.forBusiness(north)).as("already north's").isSameAs(norths);

        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        confirmations.twilioHeaders(norths, exchange);
        assertThat(exchange.getMessage().getHeader("CamelTwilio.from")).isEqualTo(new PhoneNumber("+15005550006"));
    }

    @Test
    void aBusinessWithoutATwilioSenderIsADryRunAloneAndWithoutTheAccountEveryoneIs() {
        Business north = business("north", "North Physio", "+15005550006", null, List.of("sms"));
        Business south = business("south", "South Dental", null, null, List.of("sms"));

        assertThat(booked(confirmations(DEPLOYMENT_TWILIO)).forBusiness(south).dryRun()).isTrue();
        assertThat(booked(confirmations(DEPLOYMENT_TWILIO)).forBusiness(north).dryRun()).isFalse();
        assertThat(booked(confirmations(NO_ACCOUNT)).forBusiness(north).dryRun()).as("the account is the deployment's").isTrue();
    }

    @Test
    void aConfirmationMadeByHandStaysAsItIs() {
        Confirmation byHand = new Confirmation(7, "+447123456789", "text", List.of(Channel.SMS), false, null);

        assertThat(byHand.forBusiness(business("north", "North Physio", "+15005550006", null, List.of("sms")))).isSameAs(byHand);
    }
}
