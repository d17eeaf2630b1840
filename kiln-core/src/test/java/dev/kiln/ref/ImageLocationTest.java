package dev.kiln.ref;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageLocationTest {

    @Test
    void bareNamesMeanTheStoreThenTheRegistry() throws Exception {
        assertThat(ImageLocation.parse("busybox:1.36.1-1")).isEqualTo(
                new ImageLocation.Named(ImageReference.parse("busybox:1.36.1-1")));
        assertThat(ImageLocation.parse("localhost:5000/app:1")).isInstanceOf(ImageLocation.Named.class);
    }

    @Test
    void dockerSchemeMeansTheRegistryOnly() throws Exception {
        ImageLocation location = ImageLocation.parse("docker://ghcr.io/org/app:1");
        assertThat(location).isEqualTo(new ImageLocation.Registry(ImageReference.parse("ghcr.io/org/app:1")));
        assertThat(location.text()).isEqualTo("docker://ghcr.io/org/app:1");
    }

    @Test
    void ociLayoutsTakeAnOptionalTag() throws Exception {
        assertThat(ImageLocation.parse("oci:/tmp/out")).isEqualTo(new ImageLocation.OciLayout(Path.of("/tmp/out"), null));
        assertThat(ImageLocation.parse("oci:out:1.0.0-1")).isEqualTo(new ImageLocation.OciLayout(Path.of("out"), "1.0.0-1"));
        assertThat(ImageLocation.parse("oci:out:docker.io/library/busybox:1"))
                .isEqualTo(new ImageLocation.OciLayout(Path.of("out"), "docker.io/library/busybox:1"));
        assertThat(ImageLocation.parse("oci-archive:img.tar:v2"))
                .isEqualTo(new ImageLocation.OciArchive(Path.of("img.tar"), "v2"));
    }

    @Test
    void dockerArchivesTakeANameOrAnIndex() throws Exception {
        assertThat(ImageLocation.parse("docker-archive:a.tar"))
                .isEqualTo(new ImageLocation.DockerArchive(Path.of("a.tar"), null, -1));
        ImageLocation named = ImageLocation.parse("docker-archive:a.tar:localhost:5000/app:1");
        assertThat(named).isEqualTo(new ImageLocation.DockerArchive(Path.of("a.tar"),
                ImageReference.parse("localhost:5000/app:1"), -1));
        assertThat(named.text()).isEqualTo("docker-archive:a.tar:localhost:5000/app:1");
        assertThat(ImageLocation.parse("docker-archive:a.tar:@2"))
                .isEqualTo(new ImageLocation.DockerArchive(Path.of("a.tar"), null, 2));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            oci:                     | no path after 'oci:'
            oci:dir:                 | empty name after the path
            oci:dir:bad tag          | invalid tag 'bad tag' for an OCI layout
            docker-archive:a.tar:@x  | is not an image index
            docker-archive:a.tar:A/B | repository name must be lowercase
            docker-archive:a.tar:app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef | cannot have a digest
            docker-daemon:busybox:1  | transport 'docker-daemon' is not supported
            docker://                | empty
            """)
    void malformedLocationsNameTheProblem(String text, String why) {
        assertThatThrownBy(() -> ImageLocation.parse(text))
                .isInstanceOf(InvalidReferenceException.class)
                .hasMessageContaining(why);
    }
}
