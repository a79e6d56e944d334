package io.github.vapireceptionist.resilience;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.spi.Policy;
import org.apache.camel.support.processor.DelegateAsyncProcessor;

/**
 * Steps of a route that run only with a permit, chosen per exchange (a {@code policy} step in YAML: Camel's own way to
 * wrap steps, as {@code transacted} does). Unlike the {@code circuitBreaker} EIP, whose breaker is fixed when the
 * route is built, the permit comes from whatever the exchange is for (its business), so one route serves every
 * business with each business's own limits. The permit is given back exactly once when the steps are done, whether
 * they succeeded, failed or threw.
 */
abstract class PermitPolicy implements Policy {

    /** What one exchange holds while the wrapped steps run. */
    interface Permit {

        /** The steps are done; {@code exchange.getException()} says how. */
        void release(Exchange exchange);
    }

    /** A permit for this exchange, or a RuntimeException that fails it without running the steps. */
    protected abstract Permit acquire(Exchange exchange);

    @Override
    public void beforeWrap(Route route, NamedNode definition) {
        // nothing to prepare: everything is decided per exchange
    }

    @Override
    public Processor wrap(Route route, Processor steps) {
        return new DelegateAsyncProcessor(steps) {
            @Override
            public boolean process(Exchange exchange, AsyncCallback callback) {
                Permit permit;
                try {
                    permit = acquire(exchange);
                } catch (RuntimeException refused) {
                    exchange.setException(refused);
                    callback.done(true);
                    return true;
                }
                AtomicBoolean released = new AtomicBoolean();
                AsyncCallback releasing = doneSync -> {
                    if (released.compareAndSet(false, true)) {
                        permit.release(exchange);
                    }
                    callback.done(doneSync);
                };
                try {
                    return processor.process(exchange, releasing);
                } catch (Throwable thrown) {
                    if (released.compareAndSet(false, true)) {
                        exchange.setException(thrown);
                        permit.release(exchange);
                        callback.done(true);
                    }
                    return true;
                }
            }

            @Override
            public String toString() {
                return PermitPolicy.this.getClass().getSimpleName() + "[" + processor + "]";
            }
        };
    }
}
