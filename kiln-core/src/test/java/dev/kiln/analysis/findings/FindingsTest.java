package dev.kiln.analysis.findings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.analysis.AnalysisOptions;
import dev.kiln.analysis.Analyzer;
import dev.kiln.analysis.BaseCandidate;
import dev.kiln.analysis.ImageAnalysis;
import dev.kiln.analysis.ImageInput;
import dev.kiln.analysis.StackedImage;
import dev.kiln.oci.ContainerConfig;
import dev.kiln.tar.EntryType;
import dev.kiln.tar.LayerEntry;
import dev.kiln.tar.SparseRegion;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FindingsTest {

    private static final String KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n";

    private static List<Finding> findings(StackedImage.Builder image, FindingContext context) throws Exception {
        ImageAnalysis a = new Analyzer(AnalysisOptions.defaults()).analyze(image.input("app:1.0.0-1"));
        return Findings.detect(a, context);
    }

    private static List<Finding> of(List<Finding> all, String code) {
        return all.stream().filter(f -> f.code().equals(code)).toList();
    }

    @Test
    void aptListsLeftByAnUpdateAreAttributedToThatRun() throws Exception {
        List<Finding> all = findings(StackedImage.builder()
                .layer("FROM debian", StackedImage.file("bin/sh", 100))
                .layer("/bin/sh -c apt-get update && apt-get install -y curl",
                        StackedImage.file("var/lib/apt/lists/deb.debian.org_dists_bookworm_InRelease", 1500),
                        StackedImage.file("var/lib/apt/lists/deb.debian.org_dists_bookworm_main_Packages", 8000),
                        StackedImage.file("var/lib/apt/lists/lock", 0), StackedImage.dir("var/lib/apt/lists/partial"),
                        StackedImage.file("var/cache/apt/pkgcache.bin", 700), StackedImage.file("usr/bin/curl", 300)),
                FindingContext.tagged("1.0.0-1"));
        List<Finding> caches = of(all, "package-cache");
        assertThat(caches).hasSize(2);
        Finding lists = caches.get(0);
        assertThat(lists.bytes()).isEqualTo(9500);
        assertThat(lists.layer()).isEqualTo(1);
        assertThat(lists.step()).startsWith("RUN apt-get update");
        assertThat(lists.paths()).containsExactly("/var/lib/apt/lists/deb.debian.org_dists_bookworm_main_Packages",
                "/var/lib/apt/lists/deb.debian.org_dists_bookworm_InRelease");
        assertThat(lists.severity()).isEqualTo(Severity.WARNING);
        assertThat(caches.get(1).bytes()).isEqualTo(700);
    }

    @Test
    void filesDeletedByALaterRunAreOneFindingNamingBothSteps() throws Exception {
        List<Finding> all = findings(StackedImage.builder()
                .layer("RUN curl -o /tmp/x.tgz", StackedImage.file("tmp/x.tgz", 2_000_000), StackedImage.file("tmp/y", 5))
                .layer("RUN tar xf /tmp/x.tgz && rm /tmp/x.tgz /tmp/y", StackedImage.whiteout("tmp/x.tgz"),
                        StackedImage.whiteout("tmp/y"), StackedImage.file("opt/x", 10))
                .layer("RUN chmod 755 /opt/x", StackedImage.file("opt/x", 10, "opt/x".hashCode() * 31L + 10, 0755)),
                FindingContext.tagged("1.0.0-1"));
        Finding deleted = of(all, "deleted-later").get(0);
        assertThat(deleted.bytes()).isEqualTo(2_000_005);
        assertThat(deleted.pathCount()).isEqualTo(2);
        assertThat(deleted.layer()).isZero();
        assertThat(deleted.relatedLayer()).isEqualTo(1);
        assertThat(deleted.message()).contains("layer 0 (RUN curl").contains("layer 1 (RUN tar xf");
        Finding chmod = of(all, "metadata-only-copy").get(0);
        assertThat(chmod.bytes()).isEqualTo(10);
        assertThat(chmod.layer()).isEqualTo(1);
        assertThat(chmod.relatedLayer()).isEqualTo(2);
    }

    @Test
    void buildToolsAndDocsInTheFinalImage() throws Exception {
        List<Finding> all = findings(StackedImage.builder()
                .layer("RUN apt-get install build-essential git", StackedImage.file("usr/bin/gcc-12", 1000),
                        StackedImage.symlink("usr/bin/gcc", "gcc-12"), StackedImage.file("usr/lib/gcc/x86_64-linux-gnu/12/cc1", 30000),
                        StackedImage.file("usr/include/stdio.h", 800), StackedImage.file("usr/bin/make", 200),
                        StackedImage.file("usr/bin/git", 4000), StackedImage.file("usr/share/doc/git/changelog.gz", 50000),
                        StackedImage.file("usr/share/doc/git/copyright", 20000), StackedImage.file("usr/share/man/man1/git.1.gz", 9000)),
                FindingContext.tagged("1.0.0-1"));
        List<Finding> tools = of(all, "build-tools");
        assertThat(tools).extracting(Finding::bytes).containsExactly(31000L, 4000L, 800L, 200L);
        assertThat(tools.get(0).message()).startsWith("C/C++ compiler");
        List<Finding> docs = of(all, "docs");
        assertThat(docs).hasSize(1);
        assertThat(docs.get(0).bytes()).isEqualTo(50000); // copyright files are kept; man pages stay under the threshold
    }

    @Test
    void sparseLastlogFromUseraddWithoutMinusL() throws Exception {
        long size = 512 * 5860; // block-aligned, so the stored region is exactly 512 bytes
        byte[] content = new byte[(int) size];
        content[(int) size - 1] = 1;
        LayerEntry lastlog = LayerEntry.builder("var/log/lastlog", EntryType.FILE).size(size)
                .sparse(List.of(new SparseRegion(size - 512, 512))).build();
        List<Finding> all = findings(StackedImage.builder()
                .layer("RUN useradd -u 99999999 app", StackedImage.entry(lastlog, content), StackedImage.file("etc/passwd", 40)),
                FindingContext.tagged("1.0.0-1"));
        Finding log = of(all, "sparse-log").get(0);
        assertThat(log.message()).contains("/var/log/lastlog is 3.0 MB").contains("sparse").contains("useradd");
        assertThat(log.bytes()).isEqualTo(512);
        assertThat(log.step()).isEqualTo("RUN useradd -u 99999999 app");
    }

    @Test
    void rootNoInitAndLatestAreReported() throws Exception {
        StackedImage.Builder image = StackedImage.builder().layer("ADD", StackedImage.file("app", 10))
                .config(ContainerConfig.builder().entrypoint(List.of("/app")).build());
        List<Finding> latest = findings(image, FindingContext.tagged("latest"));
        assertThat(latest).extracting(Finding::code).contains("runs-as-root", "no-init", "latest-tag");
        List<Finding> untagged = findings(image, new FindingContext(Optional.empty(), false));
        assertThat(of(untagged, "latest-tag").get(0).message()).contains("without a tag");
        assertThat(of(findings(image, new FindingContext(Optional.empty(), true)), "latest-tag")).isEmpty();

        StackedImage.Builder good = StackedImage.builder().layer("ADD", StackedImage.file("app", 10))
                .config(ContainerConfig.builder().user("app:app").entrypoint(List.of("/usr/bin/tini", "--", "/app")).build());
        assertThat(findings(good, FindingContext.tagged("1.0.0-1"))).extracting(Finding::code)
                .doesNotContain("runs-as-root", "no-init", "latest-tag");
        StackedImage.Builder shell = StackedImage.builder().layer("ADD", StackedImage.file("app", 10))
                .config(ContainerConfig.builder().user("1000").entrypoint(List.of("/bin/sh", "-c", "exec dumb-init /app")).build());
        assertThat(findings(shell, FindingContext.tagged("1"))).extracting(Finding::code).doesNotContain("no-init");
        StackedImage.Builder uidZero = StackedImage.builder().layer("ADD", StackedImage.file("app", 10))
                .config(ContainerConfig.builder().user("0:0").build());
        assertThat(findings(uidZero, FindingContext.tagged("1"))).extracting(Finding::code).contains("runs-as-root")
                .doesNotContain("no-init");
    }

    @Test
    void setuidAndWorldWritableFilesButNotStickyTmp() throws Exception {
        List<Finding> all = findings(StackedImage.builder()
                .layer("ADD", StackedImage.file("usr/bin/su", 100, 1, 04755), StackedImage.file("usr/bin/wall", 100, 2, 02755),
                        StackedImage.dir("tmp", 01777), StackedImage.file("app/data", 5, 3, 0666),
                        StackedImage.dir("app/upload", 0777), StackedImage.symlink("app/link", "data")),
                FindingContext.tagged("1"));
        assertThat(of(all, "setuid").get(0).paths()).containsExactlyInAnyOrder("/usr/bin/su", "/usr/bin/wall");
        assertThat(of(all, "world-writable").get(0).paths()).containsExactlyInAnyOrder("/app/data", "/app/upload");
    }

    @Test
    void secretsAreFoundEvenWhenDeletedLaterAndOrdinaryFilesAreNot() throws Exception {
        List<Finding> all = findings(StackedImage.builder()
                .layer("COPY . /src", StackedImage.text("src/.env", "DB_PASSWORD=hunter2hunter2\n"),
                        StackedImage.text("src/.env.example", "DB_PASSWORD=changeme\n"),
                        StackedImage.text("root/.ssh/id_rsa", KEY), StackedImage.text("root/.ssh/id_rsa.pub", "ssh-ed25519 AAAA"),
                        StackedImage.text("root/.aws/credentials", "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"),
                        StackedImage.text("etc/ssl/certs/ca.pem", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"),
                        StackedImage.text("src/.npmrc", "//registry.npmjs.org/:_authToken=npm_abcdefghijklmnopqrstuvwxyz0123456789\n"),
                        StackedImage.text("src/config.env", "LOG_LEVEL=debug\n"))
                .layer("RUN rm -rf /root/.ssh", StackedImage.whiteout("root/.ssh")),
                FindingContext.tagged("1"));
        List<Finding> secrets = of(all, "secret");
        assertThat(secrets).allMatch(f -> f.severity() == Severity.ERROR);
        assertThat(secrets.stream().flatMap(f -> f.paths().stream()))
                .containsExactlyInAnyOrder("/src/.env", "/root/.ssh/id_rsa", "/root/.aws/credentials", "/src/.npmrc");
        Finding key = secrets.stream().filter(f -> f.paths().contains("/root/.ssh/id_rsa")).findFirst().orElseThrow();
        assertThat(key.message()).contains("private key").contains("does not remove it");
        assertThat(all.stream().map(Finding::message)).noneMatch(m -> m.contains("hunter2") || m.contains("AKIA"));
    }

    @Test
    void findingsInBaseLayersAreOnlyInformation() throws Exception {
        StackedImage.Builder image = StackedImage.builder()
                .layer("FROM debian", StackedImage.file("usr/bin/gcc", 1000), StackedImage.file("usr/bin/su", 10, 1, 04755))
                .layer("COPY app /app", StackedImage.file("app", 10));
        ImageInput input = image.input("app:1");
        ImageAnalysis a = new Analyzer(AnalysisOptions.defaults().withBaseCandidates(List.of(
                new BaseCandidate("debian:12", null, List.of(input.layers().get(0).diffId())))))
                .analyze(input);
        List<Finding> all = Findings.detect(a, FindingContext.tagged("1"));
        assertThat(of(all, "build-tools").get(0).severity()).isEqualTo(Severity.INFO);
        assertThat(of(all, "build-tools").get(0).message()).contains("from the base image");
        assertThat(of(all, "setuid").get(0).severity()).isEqualTo(Severity.INFO);
        assertThat(a.base().orElseThrow().name()).isEqualTo("debian:12");
    }
}
