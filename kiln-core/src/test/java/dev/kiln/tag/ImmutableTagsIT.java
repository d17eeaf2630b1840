package dev.kiln.tag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.event.EventSink;
import dev.kiln.event.LogEvent;
import dev.kiln.format.layout.OciLayout;
import dev.kiln.image.CopyOptions;
import dev.kiln.image.ImageCopier;
import dev.kiln.image.ImageSink;
import dev.kiln.image.ImageSource;
import dev.kiln.oci.Digest;
import dev.kiln.ref.ImageReference;
import dev.kiln.registry.RegistryConfig;
import dev.kiln.registry.RegistryImages;
import dev.kiln.registry.RegistrySession;
import dev.kiln.tar.Compression;
import dev.kiln.testing.LayeredImages;
import dev.kiln.testing.LayeredImages.Entry;
import dev.kiln.testing.LocalRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --immutable against a real registry (Debian's docker-registry): HEAD first, then refuse to move a tag. */
class ImmutableTagsIT {

    @TempDir
    Path tmp;

    private Digest image(String name, String content) throws Exception {
        Path dir = tmp.resolve(name);
        LayeredImages.write(dir, "1", List.of(List.of(Entry.file("app.txt", content.getBytes()))), Compression.GZIP);
        try (ImageSource s = OciLayout.open(dir).source("1", name)) {
            return s.root().digest();
        }
    }

    private void push(RegistryImages registry, String name, ImageReference target) throws Exception {
        try (ImageSource s = OciLayout.open(tmp.resolve(name)).source("1", name); ImageSink sink = registry.sink(target)) {
            new ImageCopier(EventSink.NONE).copy(s, sink, CopyOptions.DEFAULT);
        }
    }

    @Test
    void secondPushOfTheSameTagWithOtherContentIsRefused() throws Exception {
        Digest first = image("first", "v1");
        Digest second = image("second", "v2");
        List<LogEvent> warnings = new ArrayList<>();
        EventSink events = e -> {
            if (e instanceof LogEvent l) {
                warnings.add(l);
            }
        };
        try (LocalRegistry local = LocalRegistry.open();
                RegistrySession session = RegistrySession.create(RegistryConfig.DEFAULT, Map.of(), events)) {
            RegistryImages registry = new RegistryImages(session);
            ImageReference target = ImageReference.parse(local.host() + "/app:1.0.0-1");
            RegistryTagLookup lookup = new RegistryTagLookup(session, target);
            PushGuard guard = new PushGuard(new TagPolicy(false), true, events);

            guard.check(local.host() + "/app", List.of("1.0.0-1"), first, lookup);
            push(registry, "first", target);
            assertThat(lookup.digestOf("1.0.0-1")).contains(java.util.Optional.of(first));

            guard.check(local.host() + "/app", List.of("1.0.0-1"), first, lookup); // same content: allowed
            assertThatThrownBy(() -> guard.check(local.host() + "/app", List.of("1.0.0-1"), second, lookup))
                    .isInstanceOf(TagException.class)
                    .hasMessage(local.host() + "/app:1.0.0-1 already exists (" + first + ") and --immutable forbids "
                            + "moving it to " + second + "; push a new tag (kiln tag compute) instead");
            assertThat(lookup.digestOf("1.0.0-1")).contains(java.util.Optional.of(first));

            guard.check(local.host() + "/app", List.of("latest"), second, lookup);
            assertThat(warnings).anyMatch(w -> w.message().contains(":latest is the only tag"));
        }
    }
}
