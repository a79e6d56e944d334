package io.github.vapireceptionist.admin;

import io.github.vapireceptionist.app.PiiMasking;
import io.github.vapireceptionist.webhook.Correlation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * One {@code admin_audit} line per admin request: which action (the route's {@code adminAction}),
 * from which address, about whom (the email masked), with what outcome and counts. The token is
 * never logged: holding it is the only identity the admin API knows.
 */
public class AdminAudit {

    static final String ERASE = "erase";
    private static final Logger log = LoggerFactory.getLogger(AdminAudit.class);

    public void record(Exchange exchange, String outcome, DataSubject subject) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("action", exchange.getProperty("adminAction", "unknown", String.class));
        fields.put("client", exchange.getProperty("adminClient", "unknown", String.class));
        fields.put("outcome", outcome);
        if (subject != null) {
            fields.put("email", PiiMasking.mask(subject.email()));
            if (ERASE.equals(fields.get("action"))) {
                fields.put("customers_erased", subject.customersErased());
                fields.put("appointments_erased", subject.appointmentsErased());
                fields.put("remembered_answers_erased", subject.rememberedAnswersErased());
            } else {
                fields.put("customers", subject.records().size());
                fields.put("appointments", subject.appointments().size());
            }
        }
        Object business = exchange.getProperty(Correlation.BUSINESS_ID);
        if (business != null) {
            fields.put("business", business);
        }
        LoggingEventBuilder line = log.atInfo().addKeyValue("event", "admin_audit");
        fields.forEach(line::addKeyValue);
        line.log("admin_audit " + fields.entrySet().stream().map(field -> field.getKey() + "=" + field.getValue())
                .collect(Collectors.joining(" ")));
    }

    /** The address the request came from, read before the first calendar call replaces the message. */
    public String client(Exchange exchange) {
        if (exchange.getIn() instanceof PlatformHttpMessage http && http.getRequest() != null) {
            return http.getRequest().getRemoteAddr();
        }
        return "unknown";
    }
}
