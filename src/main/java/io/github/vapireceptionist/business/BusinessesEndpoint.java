package io.github.vapireceptionist.business;

import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * {@code /actuator/businesses} on the management port (MANAGEMENT_PORT, loopback unless MANAGEMENT_ADDRESS says
 * otherwise): GET lists the businesses answered for; POST reads BUSINESSES_FILE again and puts it in place (200 with
 * what was added, changed and removed), or leaves everything as it is (400 with the file's problems). Only with
 * BUSINESSES_FILE: the environment variables' one business changes with a restart.
 */
@Endpoint(id = "businesses")
public class BusinessesEndpoint {

    /** One business as the endpoint lists it: never a credential. */
    public record Listed(String id, String name, String timezone) {
    }

    private final Businesses businesses;
    private final BusinessesReloader reloader;

    public BusinessesEndpoint(Businesses businesses, BusinessesReloader reloader) {
        this.businesses = businesses;
        this.reloader = reloader;
    }

    @ReadOperation
    public Map<String, List<Listed>> businesses() {
        return Map.of("businesses", businesses.all().stream()
                .map(business -> new Listed(business.id(), business.name(), business.timezone().getId())).toList());
    }

    @WriteOperation
    public WebEndpointResponse<BusinessesReloader.Outcome> reload() {
        BusinessesReloader.Outcome outcome = reloader.reload();
        return new WebEndpointResponse<>(outcome, outcome.applied() ? 200 : 400);
    }
}
