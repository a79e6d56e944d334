package io.github.vapireceptionist.webhook;

import java.util.ArrayList;
import java.util.List;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;

/**
 * Gathers the outcome of each tool call of one message, in order, as a plain list body.
 * (Camel's GroupedBodyAggregationStrategy re-sets its list as the body when the exchange
 * completes, after the answer has been written, so it cannot be used before a reply step.)
 * The list lives on a fresh exchange: a tool call whose failure was answered by its error
 * handler is marked handled, and that mark must not stop the webhook route after the split.
 */
public class ToolOutcomeCollector implements AggregationStrategy {

    @Override
    public Exchange aggregate(Exchange collected, Exchange next) {
        ToolOutcome outcome = next.getMessage().getBody(ToolOutcome.class);
        if (collected == null) {
            List<ToolOutcome> outcomes = new ArrayList<>();
            outcomes.add(outcome);
            Exchange fresh = new DefaultExchange(next.getContext());
            fresh.getMessage().setBody(outcomes);
            return fresh;
        }
        @SuppressWarnings("unchecked")
        List<ToolOutcome> outcomes = collected.getMessage().getBody(List.class);
        outcomes.add(outcome);
        return collected;
    }
}
