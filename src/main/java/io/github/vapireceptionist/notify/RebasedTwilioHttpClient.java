package io.github.vapireceptionist.notify;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.config.RequestConfig;

/**
 * The Twilio SDK's own HTTP client (same wire format: form-encoded Messages.json, Basic auth),
 * with two changes: requests go to TWILIO_API_BASE_URL when it is not Twilio's (a stand-in for
 * tests and benchmarks; Twilio's region and edge settings cannot point at one), and the SDK's
 * silent retries of every 5xx are off, because the send-confirmation route owns retries.
 */
final class RebasedTwilioHttpClient extends NetworkHttpClient {

    private final String baseUrl;

    RebasedTwilioHttpClient(RequestConfig config, String baseUrl) {
        super(config);
        this.baseUrl = baseUrl;
    }

    @Override
    public Response reliableRequest(Request request) {
        return makeRequest(request);
    }

    @Override
    public Response reliableRequest(Request request, int[] retryCodes, int retries, long delayMillis) {
        return makeRequest(request);
    }

    @Override
    public Response makeRequest(Request request) {
        if (baseUrl == null) {
            return super.makeRequest(request);
        }
        URL original = request.constructURL();
        Request rebased = new Request(request.getMethod(), baseUrl + original.getPath());
        copy(request.getQueryParams(), rebased::addQueryParam);
        copy(request.getPostParams(), rebased::addPostParam);
        copy(request.getHeaderParams(), rebased::addHeaderParam);
        if (request.getAuthStrategy() != null) {
            rebased.setAuth(request.getAuthStrategy());
        } else if (request.getUsername() != null) {
            rebased.setAuth(request.getUsername(), request.getPassword());
        }
        if (request.getContentType() != null) {
            rebased.setContentType(request.getContentType());
        }
        if (request.getBody() != null) {
            rebased.setBody(request.getBody());
        }
        return super.makeRequest(rebased);
    }

    private static void copy(Map<String, List<String>> params, java.util.function.BiConsumer<String, String> add) {
        params.forEach((name, values) -> values.forEach(value -> add.accept(name, value)));
    }
}
