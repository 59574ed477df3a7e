package dk.medcomgateway.ledger;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Bodies kept out of the ledger before retention prunes them: one compressed zip per batch in a folder per day
 * of arrival ({@code YYYY/MM/DD/bodies-*.zip}, an entry per message named by its MessageHeader.id), and a plain
 * {@code index.csv} per day beside them, so an archive can be searched without the gateway. The ledger's
 * {@code archived_body} table finds a body by MessageHeader.id for the support desk.
 */
public class BodyArchive {

    /** A body to archive. */
    public record Body(String messageHeaderId, String contentType, java.time.OffsetDateTime receivedAt, String eventCode,
                       String sender, byte[] payload) {
    }

    private final Path root;

    public BodyArchive(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** Writes the bodies of one batch (grouped by their day of arrival) and says where each went. */
    public List<LedgerPruning.Archived> write(List<Body> bodies) {
        List<LedgerPruning.Archived> archived = new ArrayList<>();
        bodies.stream().collect(java.util.stream.Collectors.groupingBy(b -> b.receivedAt().atZoneSameInstant(ZoneOffset.UTC).toLocalDate(),
                        java.util.TreeMap::new, java.util.stream.Collectors.toList()))
                .forEach((day, ofDay) -> archived.addAll(writeDay(day, ofDay)));
        return archived;
    }

    private List<LedgerPruning.Archived> writeDay(LocalDate day, List<Body> bodies) {
        Path folder = root.resolve(String.format(Locale.ROOT, "%04d/%02d/%02d", day.getYear(), day.getMonthValue(), day.getDayOfMonth()));
        String name = "bodies-" + System.currentTimeMillis() + "-" + UUID.randomUUID().toString().substring(0, 8) + ".zip";
        String file = root.relativize(folder.resolve(name)).toString();
        List<LedgerPruning.Archived> archived = new ArrayList<>();
        StringBuilder index = new StringBuilder();
        try {
            Files.createDirectories(folder);
            Path partial = folder.resolve(name + ".partial");
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(partial))) {
                for (Body body : bodies) {
                    String entry = entryName(body);
                    zip.putNextEntry(new ZipEntry(entry));
                    zip.write(body.payload());
                    zip.closeEntry();
                    archived.add(new LedgerPruning.Archived(body.messageHeaderId(), body.contentType(), file, entry));
                    index.append(csv(body.messageHeaderId())).append(',').append(body.receivedAt()).append(',')
                            .append(csv(body.eventCode())).append(',').append(csv(body.sender())).append(',')
                            .append(csv(body.contentType())).append(',').append(name).append(',').append(csv(entry)).append('\n');
                }
            }
            // Whole or not at all: a batch whose commit then fails leaves a zip nothing refers to, never half a zip.
            Files.move(partial, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            Path indexFile = folder.resolve("index.csv");
            boolean fresh = !Files.exists(indexFile);
            try (OutputStream out = Files.newOutputStream(indexFile, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                if (fresh) {
                    out.write("message_header_id,received_at,event_code,sender,content_type,zip,entry\n".getBytes(StandardCharsets.UTF_8));
                }
                out.write(index.toString().getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot archive bodies under " + folder, e);
        }
        return archived;
    }

    /** The archived body, if the archive still has it. */
    public Optional<byte[]> read(LedgerPruning.Archived archived) {
        Path zipFile = root.resolve(archived.file()).normalize();
        if (!zipFile.startsWith(root.normalize()) || !Files.exists(zipFile)) {
            return Optional.empty();
        }
        try (ZipFile zip = new ZipFile(zipFile.toFile())) {
            ZipEntry entry = zip.getEntry(archived.entry());
            if (entry == null) {
                return Optional.empty();
            }
            try (InputStream in = zip.getInputStream(entry)) {
                return Optional.of(in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + archived.entry() + " from " + zipFile, e);
        }
    }

    private static String entryName(Body body) {
        String type = body.contentType() == null ? "" : body.contentType();
        String extension = type.contains("json") ? ".json" : type.contains("xml") ? ".xml" : type.contains("edifact") ? ".edi" : ".bin";
        return body.messageHeaderId().replaceAll("[^A-Za-z0-9._-]", "_") + extension;
    }

    private static String csv(String value) {
        return value == null ? "" : value.contains(",") || value.contains("\"") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
