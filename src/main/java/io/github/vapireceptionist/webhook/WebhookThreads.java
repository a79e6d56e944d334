package io.github.vapireceptionist.webhook;

import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpEngine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every webhook exchange runs on the Tomcat thread that read its request. platform-http's own engine
 * hands each exchange to Spring's task executor and the answer back to Tomcat: two thread switches a
 * request, which on a 2-core box cost more CPU than the route itself (bench/, docs/performance.md).
 * The work is blocking either way (a calendar call waits for its answer), so Tomcat's pool
 * ({@code server.tomcat.threads.max}, WEBHOOK_WORKER_THREADS) is the one limit on concurrent exchanges,
 * and graceful shutdown waits for them as for any request.
 */
@Configuration(proxyBeanMethods = false)
class WebhookThreads {

    /** Named as the auto-configured engine it replaces (that one steps aside for any PlatformHttpEngine). */
    @Bean(name = "platform-http-engine")
    PlatformHttpEngine platformHttpEngine(@Value("${server.port}") int port) {
        return new SpringBootPlatformHttpEngine(port, Runnable::run);
    }
}
