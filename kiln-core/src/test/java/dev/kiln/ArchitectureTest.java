package dev.kiln;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

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

    /** Only these packages: kiln's own, the JDK's, and any named third-party ones. */
    private static void onlyUses(String packages, String... allowed) {
        ArchRule rule = classes().that().resideInAnyPackage(packages)
                .should().onlyDependOnClassesThat().resideInAnyPackage(concat(allowed, "java.."))
                .allowEmptyShould(true);
        rule.check(CORE);
    }

    @Test
    void noTwoPackagesUseEachOther() {
        // every package of kiln is its own slice (dev.kiln.build and dev.kiln.build.executor are two), so
        // a cycle through any chain of packages fails here, not only the pairs the rules below name
        slices().matching("dev.kiln.(**)").should().beFreeOfCycles().check(CORE);
    }

    @Test
    void referencesKnowOnlySpecValues() {
        onlyUses("dev.kiln.ref..", "dev.kiln.ref..", "dev.kiln.oci..", "dev.kiln");
    }

    @Test
    void globsKnowNothingOfKiln() {
        // shared by the Dockerfile side (shell patterns) and the image side (.dockerignore, path rules)
        onlyUses("dev.kiln.glob..", "dev.kiln.glob..");
    }

    @Test
    void buildCacheKnowsNoStepsSnapshotsSandboxesOrTheFacade() {
        check("dev.kiln.build.cache..", "dev.kiln.build", "dev.kiln.build.context..", "dev.kiln.build.executor..",
                "dev.kiln.build.snapshot..", "dev.kiln.build.run..", "dev.kiln.dockerfile..", "dev.kiln.store..",
                "dev.kiln.squash..", "dev.kiln.analysis..", "dev.kiln.cli..");
    }

    @Test
    void buildContextKnowsNothingElseOfTheBuild() {
        check("dev.kiln.build.context..", "dev.kiln.build", "dev.kiln.build.executor..", "dev.kiln.build.cache..",
                "dev.kiln.build.snapshot..", "dev.kiln.build.run..", "dev.kiln.store..", "dev.kiln.image..",
                "dev.kiln.cli..");
    }

    @Test
    void theTwoArchiveFormatsKnowNothingOfEachOther() {
        check("dev.kiln.format.layout..", "dev.kiln.format.dockerarchive..");
        check("dev.kiln.format.dockerarchive..", "dev.kiln.format.layout..");
        check("dev.kiln.format", "dev.kiln.format.layout..", "dev.kiln.format.dockerarchive..");
    }

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
        check("dev.kiln.analysis..", "dev.kiln.build..", "dev.kiln.squash..", "dev.kiln.tag..", "dev.kiln.cli..");
        check("dev.kiln.squash..", "dev.kiln.build..", "dev.kiln.analysis..", "dev.kiln.tag..", "dev.kiln.cli..");
    }

    @Test
    void tagPolicyKnowsNoBuildSquashOrCli() {
        check("dev.kiln.tag..", "dev.kiln.build..", "dev.kiln.analysis..", "dev.kiln.squash..", "dev.kiln.cli..",
                "dev.kiln.store..");
    }

    @Test
    void sandboxesKnowNothingOfSnapshotsOrBuildPlans() {
        // a sandbox runs a process in a root it is given: no images, stores or Dockerfiles; tar only
        // for its overlay rules (OverlayStack), so RootfsView reads a stack of layer dirs without mounting
        onlyUses("dev.kiln.build.run..", "dev.kiln.build.run..", "dev.kiln", "dev.kiln.event..", "dev.kiln.tar..",
                "com.fasterxml.jackson..");
    }

    @Test
    void snapshotsKnowOnlySandboxesAndTar() {
        // a snapshot turns a root's changes into a layer: what it needs is below it, nothing of plans or stores
        onlyUses("dev.kiln.build.snapshot..", "dev.kiln.build.snapshot..", "dev.kiln.build.run..", "dev.kiln.tar..",
                "dev.kiln.blob..", "dev.kiln.oci..", "dev.kiln", "dev.kiln.event..");
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
