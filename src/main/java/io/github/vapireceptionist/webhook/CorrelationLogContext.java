package io.github.vapireceptionist.webhook;

import java.util.concurrent.CompletableFuture;
import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.spi.InterceptStrategy;
import org.apache.camel.support.AsyncCallbackToCompletableFutureAdapter;
import org.apache.camel.support.AsyncProcessorConverterHelper;
import org.slf4j.MDC;

/**
 * Puts an exchange's log context into the MDC for every step of every route, on whichever thread runs it (the
 * request's, a split's, the wire-tapped confirmation's, the booking's lookup threads): the exchange id
 * ({@code camel.exchangeId}, written as exchange_id) and the exchange properties {@link Correlation} sets
 * (correlation_id, call_id, tool_call_id, function, and with BUSINESSES_FILE business_id). A step that contains another exchange's steps (a split,
 * a multicast run in place) leaves the thread with its own exchange's context again, so a tool call's
 * tool_call_id is not on the request's later lines; a webhook request's thread is cleared when the exchange
 * has been answered ({@link #request}), before the access log line; any other thread once its outermost step
 * is done. So no thread holds an exchange's context while it runs nothing of it.
 *
 * <p>It replaces camel-mdc's interceptor, which did the same by copying the thread's whole MDC map, setting
 * seven keys, splitting its configured property list, removing them all and restoring the copy, around each
 * of the ~40 steps of a tool call: 7% of check_availability's CPU (bench/compare.sh, docs/performance.md).
 * Here the MDC is written only when a step's context differs from what the thread already holds: the next
 * step of the same exchange with the same properties costs five property reads.
 */
public class CorrelationLogContext implements InterceptStrategy {

    /** Camel's own MDC key for the exchange id, which the log formats write as exchange_id (ops.LogEvents). */
    static final String EXCHANGE_ID = "camel.exchangeId";
    private static final String[] PROPERTIES = {
            Correlation.CORRELATION_ID, Correlation.CALL_ID, Correlation.TOOL_CALL_ID, Correlation.FUNCTION, Correlation.BUSINESS_ID};

    /** What this thread's MDC holds of an exchange's context; null: nothing, and nothing to keep after a step. */
    private static final ThreadLocal<Context> HELD = new ThreadLocal<>();

    /** One exchange's context as it was put into the MDC; {@link #REQUEST}: none yet, on a request's thread. */
    private record Context(Exchange exchange, String exchangeId, String[] values) {

        static final Context REQUEST = new Context(null, null, new String[0]);

        static Context of(Exchange exchange) {
            String[] values = new String[PROPERTIES.length];
            for (int i = 0; i < PROPERTIES.length; i++) {
                Object value = exchange.getProperty(PROPERTIES[i]);
                values[i] = value == null ? null : value.toString();
            }
            return new Context(exchange, exchange.getExchangeId(), values);
        }

        /** The exchange's context is still this one: the same exchange, its properties unchanged. */
        boolean matches(Exchange current) {
            if (exchange != current) {
                return false;
            }
            for (int i = 0; i < PROPERTIES.length; i++) {
                Object value = current.getProperty(PROPERTIES[i]);
                if (value != values[i] && (value == null || !value.toString().equals(values[i]))) {
                    return false;
                }
            }
            return true;
        }

        Context put() {
            MDC.put(EXCHANGE_ID, exchangeId);
            for (int i = 0; i < PROPERTIES.length; i++) {
                if (values[i] == null) {
                    MDC.remove(PROPERTIES[i]);
                } else {
                    MDC.put(PROPERTIES[i], values[i]);
                }
            }
            HELD.set(this);
            return this;
        }
    }

    /**
     * Runs a webhook (platform-http) request's exchange on this thread: its steps leave their context in place
     * for the next one, and the thread's MDC is cleared of it once the exchange is done.
     */
    public static void request(ThrowingRunnable exchange) throws Exception {
        Context before = HELD.get();
        HELD.set(Context.REQUEST);
        try {
            exchange.run();
        } finally {
            clear();
            if (before != null) {
                before.put();
            }
        }
    }

    /** An exchange run by {@link #request}. */
    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** Before a step: the exchange's context in the MDC; returns what the thread held before it. */
    static Context enter(Exchange exchange) {
        Context held = HELD.get();
        if (held == null || !held.matches(exchange)) {
            Context.of(exchange).put();
        }
        return held;
    }

    /**
     * After a step: a thread that held nothing before it holds nothing again; otherwise the step's own exchange's
     * context, which a step running another exchange's steps inside it (split, multicast) had replaced.
     */
    static void leave(Exchange exchange, Context before) {
        if (before == null) {
            clear();
            return;
        }
        Context held = HELD.get();
        if (held == null || held.exchange != exchange) {
            Context.of(exchange).put();
        }
    }

    private static void clear() {
        if (HELD.get() != null) {
            MDC.remove(EXCHANGE_ID);
            for (String property : PROPERTIES) {
                MDC.remove(property);
            }
            HELD.remove();
        }
    }

    @Override
    public Processor wrapProcessorInInterceptors(CamelContext context, NamedNode definition, Processor target,
                                                 Processor nextTarget) {
        AsyncProcessor step = AsyncProcessorConverterHelper.convert(target);
        return new AsyncProcessor() {
            @Override
            public boolean process(Exchange exchange, AsyncCallback callback) {
                Context before = enter(exchange);
                return step.process(exchange, doneSync -> {
                    try {
                        callback.done(doneSync);
                    } finally {
                        leave(exchange, before);
                    }
                });
            }

            @Override
            public void process(Exchange exchange) throws Exception {
                Context before = enter(exchange);
                try {
                    step.process(exchange);
                } finally {
                    leave(exchange, before);
                }
            }

            @Override
            public CompletableFuture<Exchange> processAsync(Exchange exchange) {
                AsyncCallbackToCompletableFutureAdapter<Exchange> callback = new AsyncCallbackToCompletableFutureAdapter<>(exchange);
                process(exchange, callback);
                return callback.getFuture();
            }

            @Override
            public String toString() {
                return step.toString();
            }
        };
    }
}
