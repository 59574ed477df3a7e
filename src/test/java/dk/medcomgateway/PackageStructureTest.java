package dk.medcomgateway;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dk.medcomgateway.support.BesideTheGatewayTests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package structure: features depend downwards only, onto a ground floor ({@code message}) and
 * storage ({@code ledger}) that depend on no feature. The picture of who uses whom is written to
 * {@code target/package-dependencies.txt} on every run.
 */
@BesideTheGatewayTests
class PackageStructureTest {

    private static final String ROOT = "dk.medcomgateway";
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);
    }

    /** Writes the picture first, so a failing run shows the whole graph beside ArchUnit's cycle. */
    @Test
    void noTwoPackagesDependOnEachOtherEvenThroughOthers() throws IOException {
        writePackagePicture();
        slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(classes);
    }

    /** What every feature shares: the incoming message and its facts, refusals, events, safe XML. */
    @Test
    void theGroundFloorUsesNoFeature() {
        noClasses().that().resideInAPackage(ROOT + ".message")
                .should().dependOnClassesThat(gatewayClassesOutside("message", "fhir"))
                .check(classes);
    }

    /** The ledger is storage: it answers with results, it never calls back into intake, delivery or the desk. */
    @Test
    void theLedgerIsStorage() {
        noClasses().that().resideInAPackage(ROOT + ".ledger")
                .should().dependOnClassesThat(gatewayClassesOutside("ledger", "message", "fhir", "privacy", "routing", "config"))
                .check(classes);
    }

    private static void writePackagePicture() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        for (JavaClass c : classes) {
            String from = feature(c);
            c.getDirectDependenciesFromSelf().stream().map(d -> d.getTargetClass())
                    .filter(t -> t.getPackageName().startsWith(ROOT + "."))
                    .map(PackageStructureTest::feature)
                    .filter(to -> !to.equals(from))
                    .forEach(to -> uses.computeIfAbsent(from, k -> new TreeSet<>()).add(to));
            uses.computeIfAbsent(from, k -> new TreeSet<>());
        }
        String picture = uses.entrySet().stream()
                .map(e -> String.format("%-16s -> %s", e.getKey(), String.join(" ", e.getValue())))
                .collect(Collectors.joining("\n", "", "\n"));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/package-dependencies.txt"), picture);
        System.out.print(picture);
    }

    private static String feature(JavaClass c) {
        String name = c.getPackageName();
        return name.equals(ROOT) ? "(application)" : name.substring(ROOT.length() + 1);
    }

    private static com.tngtech.archunit.base.DescribedPredicate<JavaClass> gatewayClassesOutside(String... packages) {
        String[] allowed = java.util.Arrays.stream(packages).map(p -> ROOT + "." + p).toArray(String[]::new);
        return resideInAPackage(ROOT + "..").and(not(resideInAnyPackage(allowed)));
    }
}
