package dev.kiln;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * Keeps the arrows of docs/ARCHITECTURE.md: lower packages never reach up. Each rule names a package
 * and what it must not know about.
 */
class ArchitectureTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.kiln");

    private static void check(String packages, String... forbidden) {
        ArchRule rule = noClasses().that().resideInAnyPackage(packages)
                .should().dependOnClassesThat().resideInAnyPackage(forbidden)
                .allowEmptyShould(true);
        rule.check(CORE);
    }

    private static final String[] IMAGE_SIDE = {
        "dev.kiln.oci..", "dev.kiln.ref..", "dev.kiln.blob..", "dev.kiln.tar..", "dev.kiln.image..",
        "dev.kiln.format..", "dev.kiln.store..", "dev.kiln.registry..", "dev.kiln.build..",
        "dev.kiln.analysis..", "dev.kiln.squash.."
    };

    private static final String[] DOCKERFILE_SIDE = {"dev.kiln.dockerfile..", "dev.kiln.lint.."};

    private static final String[] CONSUMERS = {
        "dev.kiln.build..", "dev.kiln.analysis..", "dev.kiln.squash..", "dev.kiln.cli.."
    };

    @Test
    void dockerfileFrontEndKnowsNothingOfImages() {
        check("dev.kiln.dockerfile..", IMAGE_SIDE);
        check("dev.kiln.dockerfile..", "dev.kiln.lint..");
    }

    @Test
    void lintKnowsNothingOfImages() {
        check("dev.kiln.lint..", IMAGE_SIDE);
    }

    @Test
    void specValuesBlobsAndTarKnowNothingOfDockerfilesOrHigherLayers() {
        String[] above = concat(DOCKERFILE_SIDE, "dev.kiln.image..", "dev.kiln.format..", "dev.kiln.store..",
                "dev.kiln.registry..", "dev.kiln.build..", "dev.kiln.analysis..", "dev.kiln.squash..");
        check("dev.kiln.oci..", concat(above, "dev.kiln.ref..", "dev.kiln.blob..", "dev.kiln.tar.."));
        check("dev.kiln.blob..", concat(above, "dev.kiln.tar.."));
        check("dev.kiln.tar..", above);
    }

    @Test
    void imageViewsKnowNoFormatStoreOrRegistry() {
        check("dev.kiln.image..", concat(DOCKERFILE_SIDE, "dev.kiln.format..", "dev.kiln.store..",
                "dev.kiln.registry..", "dev.kiln.build..", "dev.kiln.analysis..", "dev.kiln.squash.."));
    }

    @Test
    void formatsAndRegistryKnowNoStoreOrConsumers() {
        check("dev.kiln.format..", concat(CONSUMERS, "dev.kiln.store..", "dev.kiln.registry.."));
        check("dev.kiln.registry..", concat(CONSUMERS, "dev.kiln.store..", "dev.kiln.format.."));
        check("dev.kiln.format..", DOCKERFILE_SIDE);
        check("dev.kiln.registry..", DOCKERFILE_SIDE);
    }

    @Test
    void storeKnowsNoConsumers() {
        check("dev.kiln.store..", concat(CONSUMERS, DOCKERFILE_SIDE));
    }

    @Test
    void analysisAndSquashKnowNoBuild() {
        check("dev.kiln.analysis..", "dev.kiln.build..", "dev.kiln.cli..");
        check("dev.kiln.squash..", "dev.kiln.build..", "dev.kiln.analysis..", "dev.kiln.cli..");
    }

    @Test
    void tagPolicyKnowsNoBuildSquashOrCli() {
        check("dev.kiln.tag..", "dev.kiln.build..", "dev.kiln.analysis..", "dev.kiln.squash..", "dev.kiln.cli..",
                "dev.kiln.store..");
    }

    @Test
    void sandboxesKnowNothingOfSnapshotsOrBuildPlans() {
        check("dev.kiln.build.run..", "dev.kiln.build.snapshot..", "dev.kiln.build.executor..", "dev.kiln.build.cache..",
                "dev.kiln.dockerfile..", "dev.kiln.store..", "dev.kiln.cli..");
        check("dev.kiln.build.snapshot..", "dev.kiln.build.executor..", "dev.kiln.build.cache..", "dev.kiln.dockerfile..",
                "dev.kiln.cli..");
    }

    @Test
    void eventsDependOnNothingOfKiln() {
        ArchRule rule = noClasses().that().resideInAPackage("dev.kiln.event..")
                .should().dependOnClassesThat().resideInAnyPackage(concat(IMAGE_SIDE, DOCKERFILE_SIDE))
                .allowEmptyShould(true);
        rule.check(CORE);
    }

    @Test
    void noLibraryClassPrintsToTheConsole() {
        ArchRule rule = noClasses().that().resideInAPackage("dev.kiln..")
                .and().resideOutsideOfPackage("dev.kiln.cli..")
                .should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .allowEmptyShould(true);
        rule.check(CORE);
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
