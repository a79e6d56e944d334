package io.github.vapireceptionist.transfer;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vapireceptionist.app.AppProperties;
import io.github.vapireceptionist.app.UnsafeConfigurationException;
import io.github.vapireceptionist.business.Businesses;
import io.github.vapireceptionist.webhook.VapiProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.apache.camel.Ordered;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class TransferConfiguration {

    /** The component name the transfer route calls: {@code vapiControlHttp:...}. */
    static final String CONTROL_HTTP = "vapiControlHttp";

    private static final Logger log = LoggerFactory.getLogger(TransferConfiguration.class);

    @Bean
    ControlUrlPolicy controlUrlPolicy(VapiControlProperties control, AppProperties app) {
        if (control.allowHttp()) {
            if (app.production()) {
                throw new UnsafeConfigurationException(List.of(
                        "VAPI_CONTROL_ALLOW_HTTP is true (call control goes over https only; http is for local tests)"));
            }
            log.warn("VAPI_CONTROL_ALLOW_HTTP is true: call control may use plain http. For tests against a local stand-in only.");
        }
        ControlUrlPolicy policy = new ControlUrlPolicy(control.allowedHosts(), control.allowHttp());
        if (policy.allowsNothing()) {
            log.warn("VAPI_CONTROL_ALLOWED_HOSTS is empty: no call can be transferred.");
        }
        return policy;
    }

    @Bean(CONTROL_HTTP)
    HttpComponent vapiControlHttp(ControlUrlPolicy controlUrlPolicy, VapiControlProperties control) {
        return new VapiControlHttpComponent(controlUrlPolicy, control.timeoutMs());
    }

    /**
     * camel-http-starter copies camel.component.http.* (the calendar's 1 s / 2.5 s timeouts) onto every
     * HttpComponent, whatever its name. Ordered last, this puts the call-control settings back on ours.
     */
    @Bean
    ComponentCustomizer vapiControlHttpSettings(VapiControlProperties control) {
        return ComponentCustomizer.builder(HttpComponent.class)
                .withOrder(Ordered.LOWEST)
                .withCondition((name, component) -> CONTROL_HTTP.equals(name))
                .build(http -> VapiControlHttpComponent.applySettings(http, control.timeoutMs()));
    }

    /**
     * With VAPI_PUBLIC_KEY set, transfers authenticate to call control (the assistant sync requires it there). Each
     * call goes to its own business's transfer number.
     */
    @Bean
    CallTransfers callTransfers(TransferProperties transfer, ControlUrlPolicy controlUrlPolicy, VapiProperties vapi,
            ObjectMapper json, MeterRegistry meters, Businesses businesses) {
        log.info("Call control: {}", vapi.hasPublicKey()
                ? "authenticated with VAPI_PUBLIC_KEY (Authorization: Bearer)"
                : "no authentication (VAPI_PUBLIC_KEY is empty; the assistant leaves monitorPlan.controlAuthenticationEnabled off)");
        return new CallTransfers(transfer, controlUrlPolicy, vapi.publicKey(), json, meters, businesses);
    }
}
