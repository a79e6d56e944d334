package io.github.vapireceptionist.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vapireceptionist.core.CallContext;
import io.github.vapireceptionist.core.Deadline;
import io.github.vapireceptionist.core.ToolCall;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** How a tool call's budget is split: the reads and write starts, the reconciliation reserve, and after a write. */
class FunctionBudgetsTest {

    private static final DefaultCamelContext CAMEL = new DefaultCamelContext();

    private final ResilienceProperties.Budgets budgets = new ResilienceProperties.Budgets(3000, 6000, 5000);
    private final FunctionBudgets split = new FunctionBudgets(budgets, Duration.ofMillis(2000), Duration.ofMillis(4000));

    @Test
    void aFunctionThatWritesKeepsTheReserveAsideOfItsBudgetAndOneThatOnlyReadsKeepsItAll() {
        assertThat(split.forWork("book_appointment")).isEqualTo(Duration.ofMillis(4000));
        assertThat(split.forWork("cancel_appointment")).isEqualTo(Duration.ofMillis(3000));
        assertThat(split.forWork("reschedule_appointment")).isEqualTo(Duration.ofMillis(3000));
        assertThat(split.forWork("check_availability")).isEqualTo(Duration.ofMillis(3000));
        assertThat(split.forWork("find_appointment")).isEqualTo(Duration.ofMillis(5000));
    }

    @Test
    void afterAWriteTheFunctionHasItsBudgetAndOneWriteTimeoutSoAWriteStartedAtTheLastMomentStillGetsTheWholeReserve() {
        Duration lastWriteEnds = split.forWork("book_appointment").plus(Duration.ofMillis(4000));

        assertThat(split.afterWrites("book_appointment")).isEqualTo(Duration.ofMillis(10_000));
        assertThat(split.afterWrites("book_appointment").minus(lastWriteEnds)).isEqualTo(Duration.ofMillis(2000));
    }

    @Test
    void aReserveLongerThanHalfAShortBudgetIsCutToHalfOfIt() {
        FunctionBudgets shortBooking = new FunctionBudgets(new ResilienceProperties.Budgets(3000, 1500, 6000),
                Duration.ofMillis(2000), Duration.ofMillis(4000));

        assertThat(shortBooking.forWork("book_appointment")).isEqualTo(Duration.ofMillis(750));
        assertThat(shortBooking.forWork("cancel_appointment")).isEqualTo(Duration.ofMillis(4000));
    }

    @Test
    void startingAWritingFunctionSetsBothDeadlinesAndAReadingOneOnlyItsOwn() {
        Exchange booking = started("book_appointment");
        Exchange check = started("check_availability");

        Deadline work = booking.getProperty(Deadline.PROPERTY, Deadline.class);
        Deadline afterWrites = booking.getProperty(Deadline.AFTER_WRITES, Deadline.class);
        assertThat(work.remaining()).isBetween(Duration.ofMillis(3000), Duration.ofMillis(4000));
        assertThat(Duration.ofNanos(afterWrites.dueNanos() - work.dueNanos())).isEqualTo(Duration.ofMillis(6000));
        assertThat(check.getProperty(Deadline.PROPERTY, Deadline.class).remaining())
                .isBetween(Duration.ofMillis(2000), Duration.ofMillis(3000));
        assertThat(check.getProperty(Deadline.AFTER_WRITES)).isNull();
    }

    private Exchange started(String function) {
        Exchange exchange = new DefaultExchange(CAMEL);
        exchange.getMessage().setBody(new ToolCall("call-1", function, null, true, CallContext.UNKNOWN));
        split.start(exchange);
        return exchange;
    }
}
