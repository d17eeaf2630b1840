package dev.kiln.analysis.gate;

import dev.kiln.analysis.ImageAnalysis;
import dev.kiln.analysis.findings.Bytes;
import dev.kiln.analysis.findings.Finding;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One CI rule with its threshold. dive's three rules fail exactly where dive's do (strictly beyond the
 * threshold); kiln's rules read kiln's own figures and findings.
 */
public sealed interface GateRule {

    String key();

    /** Where the rule was configured, for the report. */
    String source();

    RuleResult evaluate(ImageAnalysis analysis, List<Finding> findings);

    /** dive: fails when the efficiency score is below the threshold. */
    record LowestEfficiency(String key, String source, double threshold) implements GateRule {
        public RuleResult evaluate(ImageAnalysis a, List<Finding> findings) {
            double efficiency = a.dive().efficiency();
            return threshold > efficiency
                    ? fail(this, String.format(Locale.ROOT, "image efficiency is too low (efficiency=%.4f < threshold=%s)",
                            efficiency, number(threshold)))
                    : pass(this);
        }
    }

    /** dive: fails when dive's wasted bytes exceed the threshold. */
    record HighestWastedBytes(String key, String source, long threshold) implements GateRule {
        public RuleResult evaluate(ImageAnalysis a, List<Finding> findings) {
            long wasted = a.dive().wastedBytes();
            return wasted > threshold
                    ? fail(this, "too many bytes wasted (wasted-bytes=" + wasted + " > threshold=" + threshold + ")")
                    : pass(this);
        }
    }

    /** dive: fails when dive's wasted bytes are too large a share of the layers above the first. */
    record HighestUserWastedPercent(String key, String source, double threshold) implements GateRule {
        public RuleResult evaluate(ImageAnalysis a, List<Finding> findings) {
            double wasted = a.dive().userWastedPercent();
            return wasted > threshold
                    ? fail(this, String.format(Locale.ROOT, "too many bytes wasted, relative to the user bytes added "
                            + "(user-wasted=%.4f > threshold=%s)", wasted, number(threshold)))
                    : pass(this);
        }
    }

    /** kiln: fails when more than this many bytes are reclaimable. */
    record MaxReclaimableBytes(String key, String source, long threshold) implements GateRule {
        public RuleResult evaluate(ImageAnalysis a, List<Finding> findings) {
            long reclaimable = a.totals().reclaimableBytes();
            return reclaimable > threshold
                    ? fail(this, Bytes.human(reclaimable) + " reclaimable (" + reclaimable + " bytes > " + threshold + ")")
                    : pass(this);
        }
    }

    /** kiln: fails when reclaimable bytes are more than this share of all content bytes. */
    record MaxReclaimablePercent(String key, String source, double threshold) implements GateRule {
        public RuleResult evaluate(ImageAnalysis a, List<Finding> findings) {
            double ratio = a.totals().reclaimableRatio();
            return ratio > threshold
                    ? fail(this, String.format(Locale.ROOT, "%.1f%% of the content bytes are reclaimable (> %s%%)",
                            ratio * 100, number(threshold * 100)))
                    : pass(this);
        }
    }

    /** kiln: fails when the uncompressed image is larger than this. */
    record MaxImageSize(String key, String source, long threshold) implements GateRule {
        public RuleResult evaluate(ImageAnalysis a, List<Finding> findings) {
            long size = a.totals().uncompressedBytes();
            return size > threshold ? fail(this, "the image is " + Bytes.human(size) + " uncompressed (" + size
                    + " bytes > " + threshold + ")") : pass(this);
        }
    }

    /** kiln: fails when the image's layers as stored (what a pull downloads) are larger than this. */
    record MaxCompressedSize(String key, String source, long threshold) implements GateRule {
        public RuleResult evaluate(ImageAnalysis a, List<Finding> findings) {
            long size = a.totals().compressedBytes();
            return size > threshold ? fail(this, "the image's layers are " + Bytes.human(size) + " compressed (" + size
                    + " bytes > " + threshold + ")") : pass(this);
        }
    }

    /** kiln: fails when a finding with this code exists ({@code runs-as-root}, {@code no-init}, {@code secret}). */
    record ForbidFinding(String key, String source, String code) implements GateRule {
        public RuleResult evaluate(ImageAnalysis a, List<Finding> findings) {
            List<Finding> hits = findings.stream().filter(f -> f.code().equals(code)).toList();
            if (hits.isEmpty()) {
                return pass(this);
            }
            String detail = hits.stream().map(f -> f.paths().isEmpty() ? f.message()
                    : String.join(", ", f.paths()) + (f.layer() >= 0 ? " (layer " + f.layer() + ")" : ""))
                    .collect(Collectors.joining("; "));
            return fail(this, detail);
        }
    }

    /** A rule that is configured off, or unknown to kiln. */
    record Skipped(String key, String source, String reason) implements GateRule {
        public RuleResult evaluate(ImageAnalysis a, List<Finding> findings) {
            return new RuleResult(key, RuleResult.Status.SKIP, reason, source);
        }
    }

    private static RuleResult pass(GateRule rule) {
        return new RuleResult(rule.key(), RuleResult.Status.PASS, "", rule.source());
    }

    private static RuleResult fail(GateRule rule, String message) {
        return new RuleResult(rule.key(), RuleResult.Status.FAIL, message, rule.source());
    }

    private static String number(double value) {
        String text = String.format(Locale.ROOT, "%.4f", value);
        text = text.replaceAll("0+$", "");
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }
}
