package io.github.vapireceptionist.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.vapireceptionist.resilience.CalendarBusyException;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class AdminRepliesTest {

    private final AdminReplies replies = new AdminReplies(new ObjectMapper(), new AdminAudit());

    /** The business's share of calendar calls is full (its calendar is slow): safe to repeat later, as a calendar outage. */
    @Test
    void aFullShareOfCalendarCallsIs503SafeToRepeat() {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT,
                new CalendarBusyException(BulkheadFullException.createBulkheadFullException(Bulkhead.ofDefaults("calendar"))));

        String body = replies.failed(null, exchange);

        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(503);
        assertThat(body).contains("safe to repeat");
    }
}
