package dev.kiln.oci;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** JSON for {@link ImageConfig}; field names and order follow the image-spec (and Docker's additions). */
final class ImageConfigCodec {

    private static final Set<String> TOP = Set.of("created", "author", "architecture", "os", "os.version",
            "os.features", "variant", "config", "rootfs", "history");
    private static final Set<String> CONFIG = Set.of("User", "ExposedPorts", "Env", "Entrypoint", "Cmd", "Volumes",
            "WorkingDir", "Labels", "StopSignal", "ArgsEscaped", "Healthcheck", "OnBuild", "Shell");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    private ImageConfigCodec() {
    }

    static ImageConfig read(JsonIn in) {
        String architecture = in.requiredString("architecture");
        String os = in.requiredString("os");
        if (architecture.isBlank()) {
            throw in.fail("architecture", "empty");
        }
        if (os.isBlank()) {
            throw in.fail("os", "empty");
        }
        JsonIn rootfs = in.object("rootfs");
        if (rootfs == null) {
            throw in.fail("rootfs", "missing");
        }
        String type = rootfs.requiredString("type");
        if (!"layers".equals(type)) {
            throw rootfs.fail("type", "must be 'layers', found '" + type + "'");
        }
        List<String> diffIdTexts = rootfs.strings("diff_ids");
        List<Digest> diffIds = new ArrayList<>();
        if (diffIdTexts != null) {
            for (int i = 0; i < diffIdTexts.size(); i++) {
                try {
                    diffIds.add(Digest.parse(diffIdTexts.get(i)));
                } catch (IllegalArgumentException e) {
                    throw rootfs.fail("diff_ids[" + i + "]", e.getMessage());
                }
            }
        }
        List<History> history = new ArrayList<>();
        List<JsonIn> historyNodes = in.objects("history");
        if (historyNodes != null) {
            for (JsonIn h : historyNodes) {
                history.add(new History(time(h, "created"), h.string("created_by"), h.string("author"),
                        h.string("comment"), Boolean.TRUE.equals(h.optionalBoolean("empty_layer"))));
            }
        }
        JsonIn config = in.object("config");
        return new ImageConfig(time(in, "created"), in.string("author"), architecture, os, in.string("os.version"),
                in.strings("os.features"), in.string("variant"),
                config == null ? ContainerConfig.EMPTY : readConfig(config), diffIds, history, in.unknown(TOP));
    }

    private static ContainerConfig readConfig(JsonIn c) {
        JsonIn health = c.object("Healthcheck");
        return new ContainerConfig(c.string("User"), c.keySet("ExposedPorts"), c.strings("Env"),
                c.strings("Entrypoint"), c.strings("Cmd"), c.keySet("Volumes"), c.string("WorkingDir"),
                c.stringMap("Labels"), c.string("StopSignal"), c.optionalBoolean("ArgsEscaped"),
                health == null ? null : readHealthcheck(health), c.strings("OnBuild"), c.strings("Shell"),
                c.unknown(CONFIG));
    }

    private static Healthcheck readHealthcheck(JsonIn h) {
        Long retries = h.optionalLong("Retries");
        return new Healthcheck(h.strings("Test"), duration(h, "Interval"), duration(h, "Timeout"),
                duration(h, "StartPeriod"), duration(h, "StartInterval"), retries == null ? null : retries.intValue());
    }

    private static Duration duration(JsonIn in, String field) {
        Long nanos = in.optionalLong(field);
        return nanos == null ? null : Duration.ofNanos(nanos);
    }

    private static Instant time(JsonIn in, String field) {
        String text = in.string(field);
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw in.fail(field, "not an RFC 3339 time: '" + text + "'");
        }
    }

    /** RFC 3339 with the fraction trimmed of trailing zeros, as Go's RFC3339Nano writes it. */
    static String format(Instant instant) {
        String base = SECONDS.format(instant.atOffset(ZoneOffset.UTC));
        int nanos = instant.getNano();
        if (nanos == 0) {
            return base + "Z";
        }
        String fraction = String.format("%09d", nanos).replaceFirst("0+$", "");
        return base + "." + fraction + "Z";
    }

    static byte[] write(ImageConfig c) {
        return JsonOut.object(out -> {
            out.string("created", c.created() == null ? null : format(c.created()))
                    .string("author", c.author())
                    .string("architecture", c.architecture())
                    .string("os", c.os())
                    .string("os.version", c.osVersion());
            if (!c.osFeatures().isEmpty()) {
                out.strings("os.features", c.osFeatures());
            }
            out.string("variant", c.variant())
                    .object("config", o -> writeConfig(o, c.config()))
                    .object("rootfs", o -> o.string("type", "layers")
                            .strings("diff_ids", c.diffIds().stream().map(Digest::toString).toList()));
            if (!c.history().isEmpty()) {
                out.array("history", c.history(), ImageConfigCodec::writeHistory);
            }
            out.raw(c.unknown());
        });
    }

    private static void writeHistory(JsonOut out, History h) throws IOException {
        out.string("created", h.created() == null ? null : format(h.created()))
                .string("created_by", h.createdBy())
                .string("author", h.author())
                .string("comment", h.comment())
                .trueOnly("empty_layer", h.emptyLayer());
    }

    private static void writeConfig(JsonOut out, ContainerConfig c) throws IOException {
        out.string("User", c.user())
                .keySet("ExposedPorts", c.exposedPorts())
                .strings("Env", c.env())
                .strings("Entrypoint", c.entrypoint())
                .strings("Cmd", c.cmd())
                .keySet("Volumes", c.volumes())
                .string("WorkingDir", c.workingDir());
        if (c.labels() != null) {
            out.stringMap("Labels", c.labels());
        }
        out.string("StopSignal", c.stopSignal())
                .bool("ArgsEscaped", c.argsEscaped());
        if (c.healthcheck() != null) {
            Healthcheck h = c.healthcheck();
            out.object("Healthcheck", o -> o.strings("Test", h.test())
                    .number("Interval", nanos(h.interval()))
                    .number("Timeout", nanos(h.timeout()))
                    .number("StartPeriod", nanos(h.startPeriod()))
                    .number("StartInterval", nanos(h.startInterval()))
                    .number("Retries", h.retries() == null ? null : Long.valueOf(h.retries())));
        }
        out.strings("OnBuild", c.onBuild())
                .strings("Shell", c.shell())
                .raw(c.unknown());
    }

    private static Long nanos(Duration duration) {
        return duration == null ? null : duration.toNanos();
    }
}
