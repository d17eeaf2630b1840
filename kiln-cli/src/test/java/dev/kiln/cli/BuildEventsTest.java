package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.build.BuildResult;
import dev.kiln.event.LogEvent;
import dev.kiln.event.ProgressEvent;
import dev.kiln.oci.Descriptor;
import dev.kiln.oci.Digest;
import dev.kiln.oci.MediaType;
import dev.kiln.ref.ImageReference;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuildEventsTest {

    @Test
    void jsonEventsAreOneParseableObjectPerLineWhateverTheStepPrinted() throws Exception {
        StringWriter out = new StringWriter();
        Terminal terminal = new Terminal(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), Map.of(),
                false);
        BuildEvents events = new BuildEvents(terminal, true, false, false);
        String nasty = "[s] \"quoted\" back\\slash\ttab\u001b[31mred\u0000nul\nsecond line";
        events.accept(new ProgressEvent("#2", "[s] RUN echo \"hi\"", 0, -1, ProgressEvent.State.STARTED));
        events.accept(new LogEvent(LogEvent.Level.INFO, nasty));
        Descriptor manifest = Descriptor.of(MediaType.OCI_MANIFEST, new byte[] {1});
        events.finish(new BuildResult(manifest, Digest.sha256("config"), List.of(ImageReference.parse("app:1")), "store",
                3, 2, 1, 1, 0, Duration.ofMillis(1200)));

        String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(3);
        ObjectMapper mapper = new ObjectMapper();
        JsonNode step = mapper.readTree(lines[0]);
        assertThat(step.get("type").asText()).isEqualTo("step");
        assertThat(step.get("name").asText()).isEqualTo("[s] RUN echo \"hi\"");
        assertThat(step.get("state").asText()).isEqualTo("started");
        assertThat(mapper.readTree(lines[1]).get("message").asText()).isEqualTo(nasty);
        JsonNode result = mapper.readTree(lines[2]);
        assertThat(result.get("manifest").asText()).isEqualTo(manifest.digest().toString());
        assertThat(result.get("tags").get(0).asText()).isEqualTo("app:1");
        assertThat(result.get("stepsExecuted").asInt()).isEqualTo(2);
        assertThat(lines[2]).contains("\"seconds\":1.200");
    }
}
