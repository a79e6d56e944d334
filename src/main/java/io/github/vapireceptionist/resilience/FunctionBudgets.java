package io.github.vapireceptionist.resilience;

import io.github.vapireceptionist.webhook.ToolCall;
import org.apache.camel.Exchange;

/**
 * Starts the clock on a tool call: the calendar routes read the {@value #DEADLINE} property and stop
 * calling the calendar once it has passed, so the caller hears "the calendar is slow" instead of
 * silence (CalendarCalls). A route that has written something removes the property to finish its job.
 */
public class FunctionBudgets {

    public static final String DEADLINE = "deadline";

    private final ResilienceProperties.Budgets budgets;

    public FunctionBudgets(ResilienceProperties.Budgets budgets) {
        this.budgets = budgets;
    }

    public void start(Exchange exchange) {
        ToolCall call = exchange.getMessage().getBody(ToolCall.class);
        exchange.setProperty(DEADLINE, Deadline.in(budgets.forFunction(call == null ? null : call.name())));
    }
}
