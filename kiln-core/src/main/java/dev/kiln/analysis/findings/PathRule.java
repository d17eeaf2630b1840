package dev.kiln.analysis.findings;

import dev.kiln.glob.PathGlob;
import java.util.List;

/**
 * Files in the final image that a kind of finding is about: what matches {@code include} (with
 * everything below it) except what matches {@code exclude}.
 *
 * @param code     finding code
 * @param what     what the files are, for the message ({@code "apt package lists"})
 * @param advice   what to do about them
 * @param severity how much it matters when the image's own layers add them (base layers give INFO)
 * @param minBytes below this the rule reports nothing (a few bytes of cache are no finding)
 */
record PathRule(String code, String what, String advice, Severity severity, long minBytes, List<PathGlob> include,
        List<PathGlob> exclude) {

    static PathRule of(String code, String what, String advice, Severity severity, long minBytes, List<String> include,
            List<String> exclude) {
        return new PathRule(code, what, advice, severity, minBytes, include.stream().map(PathGlob::compile).toList(),
                exclude.stream().map(PathGlob::compile).toList());
    }
}
