package io.github.vapireceptionist.ops;

import org.apache.catalina.valves.RemoteIpValve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Behind a reverse proxy, the client's address and scheme come from X-Forwarded-For and
 * X-Forwarded-Proto, but only when the request reaches the app from a proxy in TRUSTED_PROXIES;
 * the chain is walked from the right and stops at the first address that is not a trusted proxy.
 * This is Tomcat's own RemoteIpValve, so getRemoteAddr() (rate limit, allowlist) and isSecure()
 * (HSTS) are right everywhere. Spring Boot's forward-headers-strategy stays "none": its valve
 * trusts every private address by default, which would let anyone on the same network spoof a
 * client address. Tomcat 10.1 takes proxies only as a regular expression, so the CIDRs are
 * turned into one.
 */
@Configuration(proxyBeanMethods = false)
public class ForwardedHeadersConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ForwardedHeadersConfiguration.class);

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> trustedProxies(NetworkProperties network) {
        IpRanges proxies = network.trustedProxyRanges();
        return factory -> {
            if (proxies.isEmpty()) {
                return;
            }
            RemoteIpValve valve = new RemoteIpValve();
            valve.setInternalProxies(proxies.regex());
            valve.setRemoteIpHeader("X-Forwarded-For");
            valve.setProtocolHeader("X-Forwarded-Proto");
            valve.setPortHeader("X-Forwarded-Port");
            factory.addEngineValves(valve);
            log.info("X-Forwarded-For and X-Forwarded-Proto are honoured from trusted proxies {}", proxies);
        };
    }
}
