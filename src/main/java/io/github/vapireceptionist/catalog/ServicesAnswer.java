package io.github.vapireceptionist.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;
import java.util.List;

/** list_services' result: each service with its length, its price when it has one, and who offers it; and a sentence. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ServicesAnswer(boolean success, List<Offered> services, String message) {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Offered(String name, int durationMinutes, BigDecimal price, String currency, List<String> providers) {
    }
}
