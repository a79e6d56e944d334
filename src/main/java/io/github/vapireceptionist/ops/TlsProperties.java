package io.github.vapireceptionist.ops;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Built-in TLS: either a key store (TLS_KEYSTORE, a PKCS12 or JKS file) or a PEM certificate chain
 * and its unencrypted private key (TLS_CERTIFICATE, TLS_PRIVATE_KEY; a path, or the PEM text
 * itself). Neither set: plain http, for running behind a TLS-terminating proxy.
 */
@ConfigurationProperties("tls")
public record TlsProperties(String keystore, String keystorePassword, String keystoreType, String certificate,
        String privateKey) {

    public boolean enabled() {
        return hasText(keystore) || hasText(certificate) || hasText(privateKey);
    }

    boolean usesKeystore() {
        return hasText(keystore);
    }

    static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
