package dk.medcomgateway.intake;

import dk.medcomgateway.config.GatewayProperties;
import dk.medcomgateway.fhir.FhirCodec;
import dk.medcomgateway.fhir.FhirFormat;
import dk.medcomgateway.message.IntakePaths;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.apache.camel.CamelContext;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The door of the HTTP message intakes, passed before any body is read:
 * <ul>
 * <li>503 transient-error while the routes are not running (start-up, shutdown): the web server
 * listens before Camel has added the intake routes, and would otherwise answer 404, which a client
 * takes as final;</li>
 * <li>415 for form and multipart bodies: the servlet container and Camel's HTTP binding would read
 * them as request parameters (and turn their fields into exchange headers) instead of as a message;</li>
 * <li>413 for a declared body over the size limit, before any of it is read, so a huge upload cannot
 * fill the heap.</li>
 * </ul>
 * A request that passes is read whole here, on the web server's thread, before it reaches a route
 * (BufferedBodyRequest), and at most one byte past the size limit (413 for a chunked body over it);
 * a body that stalls meets the web server's read timeout, which answers 408 Request Timeout itself.
 */
@Component
public class IntakeGateFilter extends OncePerRequestFilter {

    private final long maxBytes;
    private final CamelContext camel;
    private final FhirCodec codec;

    public IntakeGateFilter(GatewayProperties properties, CamelContext camel, FhirCodec codec) {
        this.maxBytes = properties.intake().maxBodySize().toBytes();
        this.camel = camel;
        this.codec = codec;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !IntakePaths.isMessageIntake(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!camel.getStatus().isStarted()) {
            answer(response, 503, OperationOutcome.IssueType.TRANSIENT,
                    "The gateway is starting or stopping and cannot take the message right now; send it again later");
        } else if (isFormOrMultipart(request.getContentType())) {
            answer(response, 415, OperationOutcome.IssueType.NOTSUPPORTED, "Content-Type " + request.getContentType()
                    + " is not a message; send the message itself as the body (FHIR JSON or XML, an EDIFACT or OIOXML letter, an envelope)");
        } else if (request.getContentLengthLong() > maxBytes) {
            answer(response, 413, OperationOutcome.IssueType.TOOLONG, "The message is " + request.getContentLengthLong()
                    + " bytes; the gateway takes at most " + maxBytes);
        } else {
            byte[] body;
            try {
                body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            } catch (IOException stalled) {
                return; // the web server has answered 408 Request Timeout (or the client is gone)
            }
            if (body.length > maxBytes) {
                answer(response, 413, OperationOutcome.IssueType.TOOLONG, "The message is over " + maxBytes
                        + " bytes; the gateway takes at most " + maxBytes);
                return;
            }
            chain.doFilter(new BufferedBodyRequest(request, body), response);
        }
    }

    private static boolean isFormOrMultipart(String contentType) {
        String type = contentType == null ? "" : contentType.trim().toLowerCase(Locale.ROOT);
        return type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/");
    }

    /** An OperationOutcome as the whole answer (JSON: at the door the message's own format is not known yet). */
    void answer(HttpServletResponse response, int status, OperationOutcome.IssueType type, String text) throws IOException {
        response.setStatus(status);
        response.setContentType(FhirFormat.JSON.mediaType() + ";charset=UTF-8");
        response.getOutputStream().write(codec.encode(IntakeFailures.outcome(type, text), FhirFormat.JSON));
    }
}
