package io.github.vapireceptionist.assistant;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vapireceptionist.calendar.CalendarRequests;
import io.github.vapireceptionist.calendar.CatalogPage;
import io.github.vapireceptionist.calendar.EasyAppointmentsProperties;
import io.github.vapireceptionist.calendar.ProviderRecord;
import io.github.vapireceptionist.calendar.ServiceRecord;
import io.github.vapireceptionist.catalog.Catalog;
import io.github.vapireceptionist.catalog.CatalogProperties;
import io.github.vapireceptionist.catalog.CatalogRead;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The line's services and people as the calendar lists them ({@code GET /services}, {@code GET /providers}), read
 * by the assistant sync, which runs without the routes, so that the tools can name them. Nothing when the calendar
 * cannot be read (the sandbox is not running during a sync): the tools then take any name, matched by the backend.
 */
final class CalendarNames {

    private static final Logger log = LoggerFactory.getLogger(CalendarNames.class);
    private static final TypeReference<List<ServiceRecord>> SERVICES = new TypeReference<>() { };
    private static final TypeReference<List<ProviderRecord>> PROVIDERS = new TypeReference<>() { };

    private CalendarNames() {
    }

    static Optional<Catalog> read(EasyAppointmentsProperties calendar, CatalogProperties line, ObjectMapper json) {
        return read(calendar.apiUrl(), CalendarRequests.authorization(calendar), calendar, line, calendar.serviceId(), json);
    }

    /** A business's: its calendar's API URL and Authorization, with the deployment's timeouts. */
    static Optional<Catalog> read(String apiUrl, String authorization, EasyAppointmentsProperties timeouts, CatalogProperties line,
            int serviceId, ObjectMapper json) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(timeouts.connectTimeoutMs())).build();
        Calendar calendar = new Calendar(apiUrl, authorization, timeouts.readTimeoutMs());
        CatalogRead read = new CatalogRead();
        try {
            while (read.readingServices()) {
                read.services(json.readValue(page(http, calendar, "/services", read.servicesPage()), SERVICES));
            }
            while (read.readingProviders()) {
                read.providers(json.readValue(page(http, calendar, "/providers", read.providersPage()), PROVIDERS));
            }
            return Optional.of(read.catalog(line, serviceId));
        } catch (IOException | RuntimeException e) {
            log.warn("Could not read the services and providers from the calendar at {} ({}): the tools take any name, "
                    + "matched by the backend.", apiUrl, e.getClass().getSimpleName());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private record Calendar(String apiUrl, String authorization, int readTimeoutMs) {
    }

    private static byte[] page(HttpClient http, Calendar calendar, String path, CatalogPage page)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(calendar.apiUrl() + path + "?page=" + page.page()
                        + "&length=" + page.length()))
                .timeout(Duration.ofMillis(calendar.readTimeoutMs()))
                .header("Authorization", calendar.authorization())
                .header("Accept", "application/json")
                .GET().build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode());
        }
        return response.body();
    }
}
