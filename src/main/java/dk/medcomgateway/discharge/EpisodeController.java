package dk.medcomgateway.discharge;

import dk.medcomgateway.discharge.Episodes.Episode;
import dk.medcomgateway.privacy.PatientPseudonymizer;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/episodes?patient=CPR}: a patient's episodes with their timelines. The CPR number
 * is only hashed to find them: it is neither logged nor stored, and the answer does not repeat it.
 */
@RestController
@Tag(name = "Discharge episodes", description = "A patient's episodes of care and their timelines. Role: support.")
public class EpisodeController {

    private final Episodes episodes;
    private final PatientPseudonymizer pseudonymizer;

    public EpisodeController(Episodes episodes, PatientPseudonymizer pseudonymizer) {
        this.episodes = episodes;
        this.pseudonymizer = pseudonymizer;
    }

    public record EpisodeView(long id, String episodeOfCare, EpisodeState state, String encounterClass, String ward,
                              boolean flagged, OffsetDateTime updatedAt, List<Episodes.Entry> timeline,
                              List<ExpectedView> expected) {
    }

    public record ExpectedView(String document, OffsetDateTime dueAt, String status, Long caseId, OffsetDateTime receivedAt,
                               Long lateBySeconds) {
    }

    @Operation(summary = "A patient's episodes with their timelines and the documents expected",
            responses = @ApiResponse(responseCode = "200", description = "OK",
                    content = @Content(array = @ArraySchema(schema = @Schema(implementation = EpisodeView.class)))))
    @GetMapping("/api/episodes")
    public ResponseEntity<?> episodes(@Parameter(required = true, description = "The patient's CPR number; it is only hashed, neither logged nor stored")
                                      @RequestParam(name = "patient", required = false) String patient) {
        if (patient == null || patient.isBlank()) {
            return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "Query parameter 'patient' (CPR number) is required"));
        }
        return ResponseEntity.ok(episodes.forPatient(pseudonymizer.hash(patient)).stream().map(this::view).toList());
    }

    private EpisodeView view(Episode episode) {
        List<ExpectedView> expected = episodes.expected(episode.id()).stream()
                .map(e -> new ExpectedView(e.kind().code(), e.dueAt(), e.status(), e.caseId(), e.receivedAt(), e.lateBySeconds()))
                .toList();
        return new EpisodeView(episode.id(), episode.episodeKey(), episode.state(), episode.encounterClass(), episode.ward(),
                episode.flagged(), episode.updatedAt(), episodes.timeline(episode.id()), expected);
    }
}
