package io.github.vapireceptionist.support;

import io.github.vapireceptionist.business.Business;
import io.github.vapireceptionist.business.Business.Credential;
import java.time.ZoneId;
import java.util.List;

/**
 * Businesses for tests of several businesses on one deployment: each with its own calendar, token and webhook
 * secret, selected by its path ({@code businesses.by-path=true}) or its phone number id {@code pn-<id>}.
 */
public final class TestBusinesses {

    private TestBusinesses() {
    }

    /** {@code id}'s webhook secret in these tests. */
    public static String secretOf(String id) {
        return id + "-webhook-secret-0123456789";
    }

    /** {@code id}'s calendar token in these tests. */
    public static String tokenOf(String id) {
        return id + "-ea-token";
    }

    /** A business on the calendar at {@code calendarBaseUrl} (null: its own sandbox), London time, Jane (2) and a Haircut (1). */
    public static Business business(String id, String calendarBaseUrl) {
        return business(id, calendarBaseUrl, ZoneId.of("Europe/London"));
    }

    /** {@code business} with its calendar at {@code calendarBaseUrl}, everything else as it is. */
    public static Business onCalendar(Business business, String calendarBaseUrl) {
        Business.Calendar calendar = business.calendar();
        return new Business(business.id(), business.name(), business.timezone(), business.defaultPhoneRegion(), business.phone(),
                business.vapi(), business.webhook(), new Business.Calendar(calendarBaseUrl, calendar.apiToken(),
                        calendar.apiUsername(), calendar.apiPassword(), calendar.serviceId(), calendar.providerId(),
                        calendar.serviceIds(), calendar.providerIds()), business.confirmations(), business.transferNumber());
    }

    public static Business business(String id, String calendarBaseUrl, ZoneId zone) {
        String variable = id.toUpperCase().replace('-', '_');
        return new Business(id, "Business " + id, zone, "GB", null,
                new Business.Vapi(List.of("pn-" + id), List.of("asst-" + id), "assistant-of-" + id),
                new Business.Webhook(new Credential(variable + "_WEBHOOK_SECRET", secretOf(id)), null),
                new Business.Calendar(calendarBaseUrl, new Credential(variable + "_EA_TOKEN", tokenOf(id)), null, null, 1, 2,
                        List.of(), List.of()),
                new Business.Confirmations(null, null, null, null, List.of("sms"), null), null);
    }
}
