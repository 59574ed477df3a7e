package dk.medcomgateway.escort.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.medcomgateway.escort.InvalidSettlementException;
import dk.medcomgateway.escort.MalformedBody;
import dk.medcomgateway.escort.SettlementRequest;
import dk.medcomgateway.security.GatewayUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Escort contracts (ledsagelse): the ward's contract, the municipality's answer and the settlement
 * of each course. Errors are problem details (RFC 9457) like the rest of the API, with a
 * {@code reason} a system can act on.
 */
@RestController
@RequestMapping("/api/escort-contracts")
@Tag(name = "Escort contracts", description = "The ward's escort contract, the municipality's answer and the settlement of each course. "
        + "Role: partner (the ward's or the municipality's system, for its own contracts) or support. Unknown fields are refused.")
public class EscortContractController {

    private final EscortContracts contracts;
    private final EscortSettlements settlements;
    private final Map<String, GatewayUser> users;
    /** Strict: a misspelt field ("consents") must not silently count as missing. */
    private final ObjectReader contractRequests;
    private final ObjectReader answers;
    private final ObjectReader settlementRequests;
    private final ObjectReader contacts;

    public EscortContractController(EscortContracts contracts, EscortSettlements settlements, Map<String, GatewayUser> gatewayUsers,
                                    ObjectMapper json) {
        this.contracts = contracts;
        this.settlements = settlements;
        this.users = gatewayUsers;
        this.contractRequests = json.readerFor(ContractRequest.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.answers = json.readerFor(AnswerRequest.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.settlementRequests = json.readerFor(SettlementRequest.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.contacts = json.readerFor(Contact.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Operation(summary = "A ward's escort contract, sent to the municipality",
            responses = @ApiResponse(responseCode = "201", description = "Created and sent"))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(schema = @Schema(implementation = ContractRequest.class)))
    @PostMapping
    public ResponseEntity<EscortContract> create(@RequestBody JsonNode body, Authentication caller) throws IOException {
        EscortContract contract = contracts.create(contractRequests.readValue(body), Caller.of(caller, users));
        return ResponseEntity.created(URI.create("/api/escort-contracts/" + contract.id())).body(contract);
    }

    @Operation(summary = "A contract with its history and settlements")
    @GetMapping("/{id}")
    public EscortContracts.View view(@PathVariable long id, Authentication caller) {
        return contracts.view(id, Caller.of(caller, users));
    }

    @Operation(summary = "The municipality accepts the contract")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(schema = @Schema(implementation = AnswerRequest.class)))
    @PostMapping("/{id}/accept")
    public EscortContract accept(@PathVariable long id, @RequestBody JsonNode body, Authentication caller) throws IOException {
        return contracts.answer(id, true, answers.readValue(body), Caller.of(caller, users));
    }

    @Operation(summary = "The municipality declines the contract")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(schema = @Schema(implementation = AnswerRequest.class)))
    @PostMapping("/{id}/decline")
    public EscortContract decline(@PathVariable long id, @RequestBody JsonNode body, Authentication caller) throws IOException {
        return contracts.answer(id, false, answers.readValue(body), Caller.of(caller, users));
    }

    /** The settlement request of /api/escort-settlements/quote, plus the 'contact' who reports it. */
    @Operation(summary = "Settle a course of the contract", responses = @ApiResponse(responseCode = "201", description = "Settled"))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, description = "The settlement request of /api/escort-settlements/quote,"
            + " plus `contact`: who reports it (an EscortContact)", content = @Content(schema = @Schema(implementation = SettlementRequest.class)))
    @PostMapping("/{id}/settlements")
    public ResponseEntity<EscortContractStore.Settlement> settle(@PathVariable long id, @RequestBody JsonNode body,
                                                                 Authentication caller) throws IOException {
        if (!(body instanceof ObjectNode fields)) {
            throw EscortContractException.invalid("The body must be a JSON object");
        }
        ObjectNode copy = fields.deepCopy();
        JsonNode contact = copy.remove("contact");
        EscortContractStore.Settlement settlement = settlements.settle(id, settlementRequests.readValue(copy),
                contact == null ? null : contacts.readValue(contact), Caller.of(caller, users));
        return ResponseEntity.status(HttpStatus.CREATED).body(settlement);
    }

    @ExceptionHandler(EscortContractException.class)
    ProblemDetail refused(EscortContractException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        problem.setProperty("reason", e.reason());
        return problem;
    }

    @ExceptionHandler(InvalidSettlementException.class)
    ProblemDetail invalidSettlement(InvalidSettlementException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(JsonProcessingException.class)
    ProblemDetail malformed(JsonProcessingException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, MalformedBody.field(e)
                .map(field -> "'" + field + "' is malformed or unknown").orElse("The body is not a valid request"));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The body must be a JSON object");
    }
}
