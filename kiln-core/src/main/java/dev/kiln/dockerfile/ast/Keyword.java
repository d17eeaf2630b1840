package dev.kiln.dockerfile.ast;

import java.util.Locale;
import java.util.Optional;

/** The Dockerfile instructions kiln knows. */
public enum Keyword {
    FROM, RUN, CMD, LABEL, MAINTAINER, EXPOSE, ENV, ADD, COPY, ENTRYPOINT, VOLUME, USER, WORKDIR, ARG, ONBUILD,
    STOPSIGNAL, HEALTHCHECK, SHELL;

    /** Case-insensitive lookup of a keyword as written. */
    public static Optional<Keyword> of(String word) {
        switch (word.toUpperCase(Locale.ROOT)) {
            case "FROM": return Optional.of(FROM);
            case "RUN": return Optional.of(RUN);
            case "CMD": return Optional.of(CMD);
            case "LABEL": return Optional.of(LABEL);
            case "MAINTAINER": return Optional.of(MAINTAINER);
            case "EXPOSE": return Optional.of(EXPOSE);
            case "ENV": return Optional.of(ENV);
            case "ADD": return Optional.of(ADD);
            case "COPY": return Optional.of(COPY);
            case "ENTRYPOINT": return Optional.of(ENTRYPOINT);
            case "VOLUME": return Optional.of(VOLUME);
            case "USER": return Optional.of(USER);
            case "WORKDIR": return Optional.of(WORKDIR);
            case "ARG": return Optional.of(ARG);
            case "ONBUILD": return Optional.of(ONBUILD);
            case "STOPSIGNAL": return Optional.of(STOPSIGNAL);
            case "HEALTHCHECK": return Optional.of(HEALTHCHECK);
            case "SHELL": return Optional.of(SHELL);
            default: return Optional.empty();
        }
    }

    /**
     * Whether the builder expands {@code $VAR} in this instruction's arguments (Dockerfile reference,
     * "Environment replacement"): ADD COPY ENV EXPOSE FROM LABEL STOPSIGNAL USER VOLUME WORKDIR, ONBUILD
     * through its trigger, and ARG defaults. RUN, CMD, ENTRYPOINT, SHELL and HEALTHCHECK leave it to the shell.
     */
    public boolean expandsVariables() {
        switch (this) {
            case ADD: case COPY: case ENV: case EXPOSE: case FROM: case LABEL: case STOPSIGNAL: case USER:
            case VOLUME: case WORKDIR: case ARG:
                return true;
            default:
                return false;
        }
    }
}
