package io.github.vapireceptionist.admin;

import io.github.vapireceptionist.business.Business;
import io.github.vapireceptionist.business.Businesses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The admin API's paths without a business ({@code /api/admin/customers}, {@code /api/admin/customers/export}) are
 * the paths of the only business, as they were before BUSINESSES_FILE: forwarded to
 * {@code /api/admin/<its id>/customers...}, where the routes are. With several businesses a request must name its
 * business, so these paths stay unknown (404) rather than reach one of them by default.
 */
public class AdminBusinessPaths extends OncePerRequestFilter {

    static final List<String> WITHOUT_BUSINESS = List.of("/api/admin/customers", "/api/admin/customers/export");
    private static final String PREFIX = "/api/admin";

    private final Businesses businesses;

    public AdminBusinessPaths(Businesses businesses) {
        this.businesses = businesses;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        List<Business> all = businesses.all();
        String path = request.getServletPath();
        if (all.size() != 1 || !WITHOUT_BUSINESS.contains(path)) {
            chain.doFilter(request, response);
            return;
        }
        request.getRequestDispatcher(PREFIX + "/" + all.get(0).id() + path.substring(PREFIX.length())).forward(request, response);
    }
}
