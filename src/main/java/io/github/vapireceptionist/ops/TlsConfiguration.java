package io.github.vapireceptionist.ops;

import static io.github.vapireceptionist.ops.TlsProperties.hasText;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.servlet.server.ConfigurableServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Terminates TLS on PORT itself when TLS_KEYSTORE or TLS_CERTIFICATE/TLS_PRIVATE_KEY is set, with
 * Spring Boot's own SSL support, TLS 1.2 and 1.3 only. (Mapping the variables onto server.ssl.*
 * directly would not do: an empty PEM setting still counts as set there, so the key store and the
 * PEM form could not both have empty defaults.)
 */
@Configuration(proxyBeanMethods = false)
public class TlsConfiguration {

    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private static final Logger log = LoggerFactory.getLogger(TlsConfiguration.class);

    @Bean
    WebServerFactoryCustomizer<ConfigurableServletWebServerFactory> builtInTls(TlsProperties tls) {
        Ssl ssl = ssl(tls);
        return factory -> {
            if (ssl != null) {
                factory.setSsl(ssl);
                log.info("Serving https with TLS 1.2/1.3 from {}", tls.usesKeystore() ? "TLS_KEYSTORE" : "TLS_CERTIFICATE");
            }
        };
    }

    /** The SSL settings, or null for plain http; refuses a half or double configuration. */
    static Ssl ssl(TlsProperties tls) {
        if (!tls.enabled()) {
            return null;
        }
        Ssl ssl = new Ssl();
        ssl.setEnabled(true);
        ssl.setEnabledProtocols(PROTOCOLS);
        if (tls.usesKeystore()) {
            if (hasText(tls.certificate()) || hasText(tls.privateKey())) {
                throw new IllegalStateException("Set either TLS_KEYSTORE or TLS_CERTIFICATE and TLS_PRIVATE_KEY, not both");
            }
            ssl.setKeyStore(tls.keystore());
            ssl.setKeyStorePassword(tls.keystorePassword());
            ssl.setKeyStoreType(hasText(tls.keystoreType()) ? tls.keystoreType() : null);
            return ssl;
        }
        if (!hasText(tls.certificate()) || !hasText(tls.privateKey())) {
            throw new IllegalStateException("TLS_CERTIFICATE and TLS_PRIVATE_KEY go together (PEM certificate chain and its key)");
        }
        ssl.setCertificate(tls.certificate());
        ssl.setCertificatePrivateKey(tls.privateKey());
        return ssl;
    }
}
