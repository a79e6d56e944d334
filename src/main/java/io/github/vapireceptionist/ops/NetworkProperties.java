package io.github.vapireceptionist.ops;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * TRUSTED_PROXIES: the reverse proxies (CIDRs) whose X-Forwarded-For and X-Forwarded-Proto are
 * believed. Empty: the app is reached directly and those headers are ignored, since anyone could
 * send them.
 */
@ConfigurationProperties("network")
public record NetworkProperties(String trustedProxies) {

    public IpRanges trustedProxyRanges() {
        return IpRanges.parse(trustedProxies);
    }
}
