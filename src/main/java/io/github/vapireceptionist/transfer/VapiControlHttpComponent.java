package io.github.vapireceptionist.transfer;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.camel.component.http.HttpComponent;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.io.HttpClientConnectionManager;
import org.apache.hc.client5.http.socket.ConnectionSocketFactory;
import org.apache.hc.core5.http.config.Registry;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.pool.PoolReusePolicy;
import org.apache.hc.core5.util.TimeValue;

/**
 * camel-http for Vapi's call control (the {@code vapiControlHttp:} scheme), with its own short
 * timeouts, no cookies, no redirects and no automatic retries. Its connections resolve host names
 * through {@link ControlUrlPolicy#addressesFor}: the policy is asked again at the moment a socket is
 * opened, so even a DNS answer that changes after the route's check (DNS rebinding), or a request that
 * somehow skipped the check, cannot reach a host off the allowlist or a private address.
 */
public class VapiControlHttpComponent extends HttpComponent {

    private final DnsResolver allowlistedOnly;

    public VapiControlHttpComponent(ControlUrlPolicy policy, int timeoutMs) {
        this.allowlistedOnly = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                return policy.addressesFor(host);
            }

            @Override
            public String resolveCanonicalHostname(String host) throws UnknownHostException {
                return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
            }
        };
        applySettings(this, timeoutMs);
    }

    /**
     * Also applied by a ComponentCustomizer after camel-http-starter's own, which copies
     * camel.component.http.* (the calendar's timeouts) onto every HttpComponent, this one included.
     */
    static void applySettings(HttpComponent http, int timeoutMs) {
        http.setConnectTimeout(timeoutMs);
        http.setConnectionRequestTimeout(timeoutMs);
        http.setSoTimeout(timeoutMs);
        http.setResponseTimeout(timeoutMs);
        http.setCookieManagementDisabled(true);
        http.setFollowRedirects(false);
        http.setRedirectHandlingDisabled(true);
        // a transfer is not repeated blindly, and HttpClient's retry of a 503 would wait for Retry-After
        http.setAutomaticRetriesDisabled(true);
        // the checked control URL travels in the CamelHttpUri header
        http.setSkipControlHeaders(false);
        http.setUseSystemProperties(false);
    }

    /** camel-http's own connection manager (HttpComponent#createConnectionManager), with the policy's resolver. */
    @Override
    protected HttpClientConnectionManager createConnectionManager(Registry<ConnectionSocketFactory> registry,
            int maxTotalConnections, int connectionsPerRoute, SocketConfig socketConfig) {
        PoolingHttpClientConnectionManager manager = new PoolingHttpClientConnectionManager(registry,
                PoolConcurrencyPolicy.STRICT, PoolReusePolicy.LIFO, TimeValue.ofMilliseconds(getConnectionTimeToLive()),
                null, allowlistedOnly, null);
        int maxTotal = maxTotalConnections != 0 ? maxTotalConnections : getMaxTotalConnections();
        if (maxTotal > 0) {
            manager.setMaxTotal(maxTotal);
        }
        manager.setDefaultSocketConfig(socketConfig);
        int perRoute = connectionsPerRoute != 0 ? connectionsPerRoute : getConnectionsPerRoute();
        if (perRoute > 0) {
            manager.setDefaultMaxPerRoute(perRoute);
        }
        return manager;
    }
}
