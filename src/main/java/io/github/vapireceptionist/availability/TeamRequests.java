package io.github.vapireceptionist.availability;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.vapireceptionist.business.Business;
import io.github.vapireceptionist.business.Businesses;
import io.github.vapireceptionist.calendar.BusinessTime;
import io.github.vapireceptionist.calendar.ProviderRecord;
import io.github.vapireceptionist.calendar.ServiceRecord;
import io.github.vapireceptionist.catalog.Catalog;
import io.github.vapireceptionist.catalog.StaffCatalog;
import io.github.vapireceptionist.catalog.StaffCatalogs;
import io.github.vapireceptionist.core.SpeakableException;
import io.github.vapireceptionist.core.ToolCall;
import java.time.ZoneId;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

/**
 * The optional {@code service} and {@code provider} arguments (names as a caller says them) turned into the
 * {@link Team} to ask. A call naming neither asks the line's own provider and service, exactly as before
 * there was a catalog; naming a service without a person (or "anyone") asks everyone who offers it.
 */
public class TeamRequests {

    static final int MAX_NAME_LENGTH = 100;

    private final StaffCatalogs catalogs;
    private final ZoneId businessZone;

    /** The exchange's business's catalog says who offers what; its zone is the one callers hear times in ({@code businessZone}: none on the exchange). */
    public TeamRequests(StaffCatalogs catalogs, ZoneId businessZone) {
        this.catalogs = catalogs;
        this.businessZone = businessZone;
    }

    public TeamRequests(StaffCatalog catalog, ZoneId businessZone) {
        this(StaffCatalogs.only(catalog), businessZone);
    }

    /** A service or a person was named: the catalog is needed. */
    public boolean namesSomeone(@ExchangeProperty("toolCall") ToolCall call) {
        return said(call, "service") != null || said(call, "provider") != null;
    }

    public AvailabilitySearch chooseTeam(@ExchangeProperty("toolCall") ToolCall call,
            @ExchangeProperty("search") AvailabilitySearch search, Exchange exchange) {
        return search.withTeam(team(call, exchange));
    }

    /** The service and the people to ask; a speakable question or list when a name picks none or several. */
    public Team team(@ExchangeProperty("toolCall") ToolCall call, Exchange exchange) {
        Catalog line = catalogs.of(exchange).current();
        ServiceRecord service = line.chooseService(said(call, "service"), said(call, "provider"));
        ProviderRecord named = line.chooseProvider(said(call, "provider"), service);
        List<ProviderRecord> asked = named != null ? List.of(named) : line.offering(service);
        if (asked.isEmpty()) {
            throw new SpeakableException("Nobody here offers that at the moment, I'm afraid.", SpeakableException.Kind.DECLINED);
        }
        return new Team(service, named, asked,
                BusinessTime.zone(businessZone, exchange.getProperty(Businesses.EXCHANGE_PROPERTY, Business.class)));
    }

    /** A name argument: null when absent or blank; a sentence when it is not a short text. */
    public static String said(ToolCall call, String field) {
        JsonNode value = call.argument(field);
        if (value == null || (value.isTextual() && value.textValue().isBlank())) {
            return null;
        }
        String what = "service".equals(field) ? "which service you'd like" : "who you'd like to see";
        if (!value.isTextual()) {
            throw new SpeakableException("I didn't catch " + what + ". Could you say it again?");
        }
        String text = value.textValue().strip();
        if (text.codePointCount(0, text.length()) > MAX_NAME_LENGTH) {
            throw new SpeakableException("I didn't catch " + what + ": that was longer than any name here. Could you say it again?");
        }
        return text;
    }
}
