package dk.medcomgateway.validation;

import dk.medcomgateway.fhir.FhirCodec;
import dk.medcomgateway.fhir.FhirFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.utilities.npm.NpmPackage;

/**
 * The vendored IG packages' resources, each package read and parsed once for all the chains being built: the standards
 * share packages (two chains each use messaging 2.1.0 and 4.0.2, DK core 2.0.0 and 3.4.0, ...), and a shared definition
 * is also converted to R5 once (HAPI keeps the conversion on the definition, under a lock of its own). The resources are
 * read as HAPI's NpmPackageValidationSupport reads them (every JSON file of the package folder, leniently, and the
 * binaries of the other folder), but without their narratives, and with the text validation never reads dropped
 * ({@link DefinitionText}) before any chain sees them.
 */
final class PackageResources {

    private record Read(NpmPackage npm, List<IBaseResource> resources, Map<String, byte[]> binaries) {
    }

    private final FhirCodec codec;
    private final Map<String, FutureTask<Read>> packages = new ConcurrentHashMap<>();

    PackageResources(FhirCodec codec) {
        this.codec = codec;
    }

    /** A validation support holding the named packages' resources, for one chain. */
    PrePopulatedValidationSupport support(List<String> names) {
        PrePopulatedValidationSupport support = new PrePopulatedValidationSupport(codec.context());
        for (String name : names) {
            Read read = read(name);
            read.resources().forEach(support::addResource);
            read.binaries().forEach((file, bytes) -> support.addBinary(bytes, file));
        }
        return support;
    }

    /** The named package as read. */
    NpmPackage npm(String name) {
        return read(name).npm();
    }

    private Read read(String name) {
        // The first thread to ask reads the package; a thread asking meanwhile waits for that read.
        FutureTask<Read> task = packages.computeIfAbsent(name, n -> new FutureTask<>(() -> parse(n)));
        task.run();
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading FHIR package " + name, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private Read parse(String name) throws IOException {
        NpmPackage npm = FhirPackages.load(name);
        List<IBaseResource> resources = new ArrayList<>();
        NpmPackage.NpmPackageFolder folder = npm.getFolders().get("package");
        if (folder != null) {
            for (String file : folder.listFiles()) {
                if (file.toLowerCase(Locale.US).endsWith(".json")) {
                    resources.add(codec.parseWithoutNarratives(folder.getContent().get(file), FhirFormat.JSON));
                }
            }
        }
        DefinitionText.drop(resources);
        Map<String, byte[]> binaries = new LinkedHashMap<>();
        for (String file : npm.list("other")) {
            try (InputStream in = npm.load("other", file)) {
                binaries.put(file, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + file + " of FHIR package " + name, e);
            }
        }
        return new Read(npm, List.copyOf(resources), binaries);
    }
}
