package dev.kiln.analysis;

import java.util.List;

/**
 * dive's own metrics, computed as dive defines them, so that numbers can be compared with a dive run
 * and {@code .dive-ci} rules mean the same thing. See docs/analyze.md for where these differ from
 * kiln's reclaimable bytes and why.
 *
 * @param efficiency        sum over paths of the smallest copy, divided by the sum of all copies (1 when there are none)
 * @param wastedBytes       sum of all copies (the surviving one included) of every path seen more than once
 * @param userWastedPercent wasted bytes divided by the size of every layer but the first (a ratio, 0 when that size is 0)
 * @param sizeBytes         sum of the tar size fields of all entries of all layers
 * @param userSizeBytes     the same without the first layer
 * @param layerSizes        per layer, the sum of its entries' tar size fields
 * @param inefficientFiles  paths seen more than once, largest cumulative size first
 */
public record DiveFigures(double efficiency, long wastedBytes, double userWastedPercent, long sizeBytes,
        long userSizeBytes, List<Long> layerSizes, List<InefficientFile> inefficientFiles) {

    public DiveFigures {
        layerSizes = List.copyOf(layerSizes);
        inefficientFiles = List.copyOf(inefficientFiles);
    }

    /** A path dive counts as inefficient: how many times it appears and the bytes of all appearances. */
    public record InefficientFile(String path, int count, long cumulativeBytes) {
    }
}
