package io.github.vapireceptionist.support;

import io.github.vapireceptionist.business.Business;
import io.github.vapireceptionist.business.Businesses;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.CamelContext;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.spi.InterceptStrategy;

/**
 * Which business each calendar call (a node id {@code ea-...}) was made for, on whichever thread it ran: the
 * exchange's {@code business} property ("none" without one), the route the exchange started in (the webhook's, a
 * timer's), the node and the name of the thread it was made on. A test context gets it as a bean: Camel adds every
 * InterceptStrategy bean to its context.
 */
public final class CalendarCallRecorder implements InterceptStrategy {

    /** One calendar call as it was made. */
    public record Call(String business, String fromRoute, String node, String thread) {
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();

    @Override
    public Processor wrapProcessorInInterceptors(CamelContext context, NamedNode definition, Processor target, Processor next) {
        if (definition.getId() == null || !definition.getId().startsWith("ea-")) {
            return target;
        }
        return exchange -> {
            Business business = exchange.getProperty(Businesses.EXCHANGE_PROPERTY, Business.class);
            calls.add(new Call(business == null ? "none" : business.id(), exchange.getFromRouteId(), definition.getId(),
                    Thread.currentThread().getName()));
            target.process(exchange);
        };
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The business of every call since the last {@link #clear()}, in order. */
    public List<String> businesses() {
        return calls.stream().map(Call::business).toList();
    }

    /** The business of every call made at node {@code nodeId}. */
    public List<String> businessesOf(String nodeId) {
        return calls.stream().filter(call -> call.node().equals(nodeId)).map(Call::business).toList();
    }

    /** The name of the thread of every call made for {@code business} at node {@code nodeId}. */
    public List<String> threadsOf(String business, String nodeId) {
        return calls.stream().filter(call -> call.business().equals(business) && call.node().equals(nodeId))
                .map(Call::thread).toList();
    }

    public void clear() {
        calls.clear();
    }
}
