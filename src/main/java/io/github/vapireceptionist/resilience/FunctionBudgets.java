package io.github.vapireceptionist.resilience;

import io.github.vapireceptionist.core.Deadline;
import io.github.vapireceptionist.core.ToolCall;
import org.apache.camel.Exchange;

/**
 * Starts the clock on a tool call: the calendar routes read the {@link Deadline#PROPERTY} property and stop
 * calling the calendar once it has passed, so the caller hears "the calendar is slow" instead of
 * silence (CalendarCalls). A route that has written something removes the property to finish its job.
 */
public class FunctionBudgets {

    private final ResilienceProperties.Budgets budgets;

    public FunctionBudgets(ResilienceProperties.Budgets budgets) {
        this.budgets = budgets;
    }

    public void start(Exchange exchange) {
        ToolCall call = exchange.getMessage().getBody(ToolCall.class);
        exchange.setProperty(Deadline.PROPERTY, Deadline.in(budgets.forFunction(call == null ? null : call.name())));
    }
}
