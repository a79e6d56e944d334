package io.github.vapireceptionist.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.Ssl;

/** Which TLS settings turn built-in TLS on, in which form, and which are refused at startup. */
class TlsConfigurationTest {

    @Test
    void offWhenNothingIsSet() {
        assertThat(TlsConfiguration.ssl(new TlsProperties("", "", "", "", ""))).isNull();
        assertThat(TlsConfiguration.ssl(new TlsProperties(null, null, null, null, null))).isNull();
    }

    @Test
    void aKeystore() {
        Ssl ssl = TlsConfiguration.ssl(new TlsProperties("/etc/tls/app.p12", "pw", "", "", ""));

        assertThat(ssl.getKeyStore()).isEqualTo("/etc/tls/app.p12");
        assertThat(ssl.getKeyStorePassword()).isEqualTo("pw");
        assertThat(ssl.getKeyStoreType()).isNull();
        assertThat(ssl.getCertificate()).isNull();
        assertThat(ssl.getEnabledProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
    }

    @Test
    void aPemCertificateAndKey() {
        Ssl ssl = TlsConfiguration.ssl(new TlsProperties("", "", "", "/etc/tls/chain.pem", "/etc/tls/key.pem"));

        assertThat(ssl.getCertificate()).isEqualTo("/etc/tls/chain.pem");
        assertThat(ssl.getCertificatePrivateKey()).isEqualTo("/etc/tls/key.pem");
        assertThat(ssl.getKeyStore()).isNull();
        assertThat(ssl.getEnabledProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
    }

    @Test
    void halfOrDoubleSettingsAreRefused() {
        assertThatThrownBy(() -> TlsConfiguration.ssl(new TlsProperties("", "", "", "/etc/tls/chain.pem", "")))
                .hasMessageContaining("TLS_CERTIFICATE and TLS_PRIVATE_KEY go together");
        assertThatThrownBy(() -> TlsConfiguration.ssl(new TlsProperties("", "", "", "", "/etc/tls/key.pem")))
                .hasMessageContaining("TLS_CERTIFICATE and TLS_PRIVATE_KEY go together");
        assertThatThrownBy(() -> TlsConfiguration.ssl(new TlsProperties("/etc/tls/app.p12", "", "", "/etc/tls/chain.pem", "/etc/tls/key.pem")))
                .hasMessageContaining("either TLS_KEYSTORE or TLS_CERTIFICATE");
    }
}
