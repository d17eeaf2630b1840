package dev.kiln.tag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.oci.Digest;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TagPolicyTest {

    @Test
    void latestAloneWarnsAndFailsWhenStrict() throws Exception {
        assertThat(new TagPolicy(false).check("app", List.of("latest"))).get().asString()
                .contains("app:latest is the only tag");
        assertThatThrownBy(() -> new TagPolicy(true).check("app", List.of("latest")))
                .isInstanceOf(TagException.class).hasMessageContaining("--strict-tags");
    }

    @Test
    void latestNextToAVersionTagIsFine() throws Exception {
        assertThat(new TagPolicy(true).check("app", List.of("1.0.0-3", "latest"))).isEmpty();
        assertThat(new TagPolicy(true).check("app", List.of("1.0.0-3"))).isEmpty();
    }

    @Test
    void immutableRefusesToMoveAnExistingTagButAllowsTheSameManifest() throws Exception {
        Digest a = Digest.sha256("a");
        Digest b = Digest.sha256("b");
        ImmutableTags.check("reg/app", "1.0.0-1", a, tag -> Optional.empty());
        ImmutableTags.check("reg/app", "1.0.0-1", a, tag -> Optional.of(Optional.of(a)));
        assertThatThrownBy(() -> ImmutableTags.check("reg/app", "1.0.0-1", b, tag -> Optional.of(Optional.of(a))))
                .isInstanceOf(TagException.class)
                .hasMessage("reg/app:1.0.0-1 already exists (" + a + ") and --immutable forbids moving it to " + b
                        + "; push a new tag (kiln tag compute) instead");
    }
}
