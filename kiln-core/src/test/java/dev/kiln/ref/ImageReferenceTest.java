package dev.kiln.ref;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.KilnException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageReferenceTest {

    private static final String HEX = "0123456789abcdef".repeat(4);

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", textBlock = """
            busybox,                           docker.io, library/busybox,   -,        busybox
            busybox:1.36.1-1,                  docker.io, library/busybox,   1.36.1-1, busybox:1.36.1-1
            library/busybox:1,                 docker.io, library/busybox,   1,        busybox:1
            docker.io/library/busybox:1,       docker.io, library/busybox,   1,        busybox:1
            index.docker.io/library/busybox:1, docker.io, library/busybox,   1,        busybox:1
            registry-1.docker.io/busybox:1,    docker.io, library/busybox,   1,        busybox:1
            myorg/app:2.0.0-3,                 docker.io, myorg/app,         2.0.0-3,  myorg/app:2.0.0-3
            myorg/team/app,                    docker.io, myorg/team/app,    -,        myorg/team/app
            ghcr.io/org/app:v1,                ghcr.io,   org/app,           v1,       ghcr.io/org/app:v1
            localhost/app:1,                   localhost, app,               1,        localhost/app:1
            localhost:5000/app:1,              localhost:5000, app,          1,        localhost:5000/app:1
            127.0.0.1:5000/a/b/c:x_y.z-1,      127.0.0.1:5000, a/b/c,        x_y.z-1,  127.0.0.1:5000/a/b/c:x_y.z-1
            [::1]:5000/app:1,                  [::1]:5000, app,              1,        [::1]:5000/app:1
            Registry.Example.com/app,          Registry.Example.com, app,    -,        Registry.Example.com/app
            my-registry:5000/app,              my-registry:5000, app,        -,        my-registry:5000/app
            a__b/c--d/e.f_g:T,                 docker.io, a__b/c--d/e.f_g,   T,        a__b/c--d/e.f_g:T
            """)
    void referencesNormaliseLikeDocker(String text, String registry, String repository, String tag, String familiar)
            throws Exception {
        ImageReference ref = ImageReference.parse(text);
        assertThat(ref.registry()).isEqualTo(registry);
        assertThat(ref.repository()).isEqualTo(repository);
        assertThat(ref.tag()).isEqualTo(tag);
        assertThat(ref.familiar()).isEqualTo(familiar);
        assertThat(ImageReference.parse(ref.toString())).isEqualTo(ref);
        assertThat(ImageReference.parse(ref.familiar())).isEqualTo(ref);
    }

    @Test
    void noTagStaysNoTagNeverLatest() throws Exception {
        ImageReference ref = ImageReference.parse("debian");
        assertThat(ref.hasTag()).isFalse();
        assertThat(ref.toString()).isEqualTo("docker.io/library/debian");
    }

    @Test
    void digestsAreParsedWithOrWithoutTag() throws Exception {
        ImageReference both = ImageReference.parse("busybox:1.36@sha256:" + HEX);
        assertThat(both.tag()).isEqualTo("1.36");
        assertThat(both.digest().encoded()).isEqualTo(HEX);
        ImageReference digestOnly = ImageReference.parse("localhost:5000/app@sha256:" + HEX);
        assertThat(digestOnly.tag()).isNull();
        assertThat(digestOnly.registry()).isEqualTo("localhost:5000");
        assertThat(digestOnly.toString()).isEqualTo("localhost:5000/app@sha256:" + HEX);
    }

    @Test
    void dockerHubTalksToRegistryOne() throws Exception {
        assertThat(ImageReference.parse("busybox:1").apiHost()).isEqualTo("registry-1.docker.io");
        assertThat(ImageReference.parse("ghcr.io/a/b:1").apiHost()).isEqualTo("ghcr.io");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ''                          | empty
            'Busybox'                   | repository name must be lowercase
            'busybox:'                  | invalid tag ''
            'busybox:-x'                | invalid tag '-x'
            'busybox:a/b'               | invalid registry port 'a'
            'busybox@sha256:abc'        | invalid sha256 digest
            'busybox@'                  | invalid digest
            ':1'                        | no repository name
            'a//b'                      | invalid repository component ''
            'a/b/'                      | invalid repository component ''
            '-a/b'                      | invalid repository component '-a'
            'localhost:99999/app'       | invalid registry port '99999'
            'local_host:5000/app'       | invalid registry host 'local_host'
            'docker://busybox'          | a reference has no scheme
            ' busybox'                  | leading or trailing whitespace
            'a..b'                      | invalid repository component 'a..b'
            """)
    void malformedReferencesAreRejectedSayingWhy(String text, String why) {
        assertThatThrownBy(() -> ImageReference.parse(text))
                .isInstanceOf(InvalidReferenceException.class)
                .hasMessageStartingWith("invalid image reference '" + text + "': ")
                .hasMessageContaining(why)
                .satisfies(e -> assertThat(((KilnException) e).kind()).isEqualTo(KilnException.Kind.BAD_INPUT));
    }

    @Test
    void tagsLongerThan128CharactersAreRejected() {
        assertThat(ImageReference.isValid("app:" + "a".repeat(128))).isTrue();
        assertThat(ImageReference.isValid("app:" + "a".repeat(129))).isFalse();
    }

    @Test
    void namesLongerThan255CharactersAreRejected() {
        assertThat(ImageReference.isValid("ghcr.io/" + "a".repeat(240))).isTrue();
        assertThat(ImageReference.isValid("ghcr.io/" + "a".repeat(250))).isFalse();
    }
}
