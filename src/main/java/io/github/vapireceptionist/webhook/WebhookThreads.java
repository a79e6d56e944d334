package io.github.vapireceptionist.webhook;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.spi.PlatformHttpConsumer;
import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every webhook exchange runs on the Tomcat thread that read its request, and is answered in that same
 * servlet dispatch. platform-http's own consumer hands each exchange to Spring's task executor and returns a
 * {@code CompletableFuture}, which Spring MVC answers with an async dispatch: the exchange then crossed
 * threads twice, and even run in place it went through the DispatcherServlet twice (startAsync, then an ASYNC
 * dispatch). On a 2-core box that bookkeeping cost more CPU than the route itself (bench/, docs/performance.md).
 * The work is blocking either way (a calendar call waits for its answer), so Tomcat's pool
 * ({@code server.tomcat.threads.max}, WEBHOOK_WORKER_THREADS) is the one limit on concurrent exchanges,
 * and graceful shutdown waits for them as for any request. The exchange's log context leaves the thread's MDC
 * once it is answered (CorrelationLogContext).
 */
@Configuration(proxyBeanMethods = false)
class WebhookThreads {

    /**
     * The correlation ids in the MDC for every step (camel.mdc's job before: CorrelationLogContext says why not);
     * Camel adds every InterceptStrategy bean to the context.
     */
    @Bean
    CorrelationLogContext correlationLogContext() {
        return new CorrelationLogContext();
    }

    /** Named as the auto-configured engine it replaces (that one steps aside for any PlatformHttpEngine). */
    @Bean(name = "platform-http-engine")
    PlatformHttpEngine platformHttpEngine(@Value("${server.port}") int port) {
        return new PlatformHttpEngine() {
            @Override
            public PlatformHttpConsumer createConsumer(PlatformHttpEndpoint endpoint, Processor processor) {
                return new InPlaceConsumer(endpoint, processor);
            }

            @Override
            public int getServerPort() {
                return port;
            }
        };
    }

    /**
     * Runs the exchange inside the servlet call and returns no future: Spring MVC (which registered this
     * consumer's {@code service} method as the handler) then treats the request as handled, with no async
     * dispatch. What a failure answers is unchanged: platform-http's 500 when the exchange could not run at all.
     */
    static final class InPlaceConsumer extends SpringBootPlatformHttpConsumer {

        private static final Logger log = LoggerFactory.getLogger(SpringBootPlatformHttpConsumer.class);

        InPlaceConsumer(PlatformHttpEndpoint endpoint, Processor processor) {
            super(endpoint, processor, Runnable::run);
        }

        @Override
        public CompletableFuture<Void> service(HttpServletRequest request, HttpServletResponse response) {
            try {
                CorrelationLogContext.request(() -> handleService(request, response));
            } catch (Exception e) {
                // as platform-http's own consumer: never leak the exception to the caller
                log.warn("Error handling request due to: {}", e.getMessage(), e);
                try {
                    if (!response.isCommitted()) {
                        response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
                    }
                } catch (Exception ignored) {
                    // the caller has gone
                }
            }
            return null;
        }
    }
}
