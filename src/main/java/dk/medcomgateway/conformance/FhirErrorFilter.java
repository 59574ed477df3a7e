package dk.medcomgateway.conformance;

import dk.medcomgateway.fhir.FhirCodec;
import dk.medcomgateway.fhir.FhirFormat;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Every error under {@code /fhir} in FHIR's form: an OperationOutcome in the format the client asks for, where
 * the web server, Spring Security or Spring MVC would answer with their own pages (401 and 403 without
 * credentials, 404 for a path the gateway does not serve, 405 for a method it does not take). Runs before
 * Spring Security, so its answers are caught too.
 */
@Component
@Order(SecurityProperties.DEFAULT_FILTER_ORDER - 10)
public class FhirErrorFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(FhirErrorFilter.class);

    private final FhirCodec codec;

    public FhirErrorFilter(FhirCodec codec) {
        this.codec = codec;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/fhir/") && !request.getRequestURI().equals("/fhir");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        FhirFormat format = answerFormat(request);
        try {
            chain.doFilter(request, new HttpServletResponseWrapper(response) {
                @Override
                public void sendError(int status, String message) throws IOException {
                    outcome(response, format, status, message);
                }

                @Override
                public void sendError(int status) throws IOException {
                    outcome(response, format, status, null);
                }
            });
        } catch (IOException | ServletException | RuntimeException e) {
            log.error("Request {} {} failed ({})", request.getMethod(), request.getRequestURI(), e.getClass().getName());
            if (!response.isCommitted()) {
                outcome(response, format, 500, null);
            }
        }
    }

    private void outcome(HttpServletResponse response, FhirFormat format, int status, String message) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(issueType(status))
                .setDiagnostics("HTTP " + status + (known == null ? "" : " " + known.getReasonPhrase())
                        + (message == null || message.isBlank() || known != null && message.equals(known.getReasonPhrase()) ? "" : ": " + message)
                        + hint(status));
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType(format.mediaType() + ";charset=UTF-8");
        response.getOutputStream().write(codec.encode(outcome, format));
        response.flushBuffer();
    }

    private static String hint(int status) {
        return switch (status) {
            case 401 -> "; log in with HTTP Basic as a partner system";
            case 404 -> "; the gateway serves POST /fhir/$process-message, POST /fhir/$validate and GET /fhir/metadata";
            case 405 -> "; see GET /fhir/metadata for what the gateway serves";
            default -> "";
        };
    }

    private static IssueType issueType(int status) {
        return switch (status) {
            case 401 -> IssueType.LOGIN;
            case 403 -> IssueType.FORBIDDEN;
            case 404 -> IssueType.NOTFOUND;
            case 405, 406, 415 -> IssueType.NOTSUPPORTED;
            case 413 -> IssueType.TOOLONG;
            default -> status >= 500 ? IssueType.EXCEPTION : IssueType.INVALID;
        };
    }

    /** As the intake answers: _format, then Accept, then the request's own format; JSON when none says. */
    static FhirFormat answerFormat(HttpServletRequest request) {
        String query = request.getQueryString();
        String formatParameter = query == null ? null
                : UriComponentsBuilder.fromUriString("?" + query).build().getQueryParams().getFirst("_format");
        if (formatParameter != null) {
            formatParameter = URLDecoder.decode(formatParameter, StandardCharsets.UTF_8);
        }
        FhirFormat requested = FhirFormat.requested(formatParameter, request.getHeader("Accept"));
        if (requested != null) {
            return requested;
        }
        FhirFormat own = FhirFormat.fromContentType(request.getContentType());
        return own == null ? FhirFormat.JSON : own;
    }
}
