package dk.medcomgateway.security;

import dk.medcomgateway.message.IntakePaths;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Tells the intake which senders the authenticated caller may send messages as, in the request
 * header {@link #HEADER}: a partner's SOR codes and GLNs, or {@code *} for an admin. Whatever the
 * client itself put in that header is replaced, so it cannot grant itself more.
 */
class AllowedSendersFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Gateway-Allowed-Senders";

    private final Map<String, GatewayUser> users;

    AllowedSendersFilter(Map<String, GatewayUser> users) {
        this.users = users;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !IntakePaths.isMessageIntake(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(new WithAllowedSenders(request, allowedSenders()), response);
    }

    private String allowedSenders() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        GatewayUser user = auth == null ? null : users.get(auth.getName());
        if (user == null) {
            return "";
        }
        if (user.roles().contains(GatewayUser.Role.admin)) {
            return "*";
        }
        return user.senders() == null ? "" : String.join(",", user.senders());
    }

    private static final class WithAllowedSenders extends HttpServletRequestWrapper {
        private final String value;

        WithAllowedSenders(HttpServletRequest request, String value) {
            super(request);
            this.value = value;
        }

        @Override
        public String getHeader(String name) {
            return HEADER.equalsIgnoreCase(name) ? value : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return HEADER.equalsIgnoreCase(name) ? Collections.enumeration(List.of(value)) : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = Collections.list(super.getHeaderNames());
            names.removeIf(HEADER::equalsIgnoreCase);
            names.add(HEADER);
            return Collections.enumeration(names);
        }
    }
}
