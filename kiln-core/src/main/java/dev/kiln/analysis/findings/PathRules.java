package dev.kiln.analysis.findings;

import dev.kiln.analysis.ImageAnalysis;
import dev.kiln.analysis.PathTrie;
import dev.kiln.glob.PathGlob;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;

/**
 * Findings about what the final filesystem contains: package-manager caches and lists, build tools,
 * documentation. Each rule's bytes are what removing the files in the step that adds them would save;
 * the step named is the one that added most of them.
 */
final class PathRules implements Detector {

    private static final long ANY = 1;
    private static final long SOME = 10_000;

    static final List<PathRule> RULES = List.of(
            PathRule.of("package-cache", "apt package lists",
                    "remove /var/lib/apt/lists/* in the RUN that runs apt-get update", Severity.WARNING, ANY,
                    List.of("var/lib/apt/lists/*"), List.of("var/lib/apt/lists/lock", "var/lib/apt/lists/partial")),
            PathRule.of("package-cache", "apt caches",
                    "run apt-get clean (or rm /var/cache/apt/*.bin /var/cache/apt/archives/*.deb) in the same RUN",
                    Severity.WARNING, ANY, List.of("var/cache/apt/*.bin", "var/cache/apt/archives/*.deb"), List.of()),
            PathRule.of("package-cache", "apk cache", "use apk add --no-cache", Severity.WARNING, ANY,
                    List.of("var/cache/apk/*", "etc/apk/cache/*"), List.of()),
            PathRule.of("package-cache", "yum/dnf cache", "run yum clean all / dnf clean all in the same RUN",
                    Severity.WARNING, ANY, List.of("var/cache/yum", "var/cache/dnf", "var/cache/libdnf5"), List.of()),
            PathRule.of("package-cache", "pip cache", "use pip install --no-cache-dir (or a cache mount)",
                    Severity.WARNING, ANY, List.of("root/.cache/pip", "home/*/.cache/pip"), List.of()),
            PathRule.of("package-cache", "npm cache", "run npm cache clean --force in the same RUN (or use a cache mount)",
                    Severity.WARNING, ANY, List.of("root/.npm/_cacache", "home/*/.npm/_cacache"), List.of()),
            PathRule.of("package-cache", "yarn cache", "run yarn cache clean in the same RUN (or use a cache mount)",
                    Severity.WARNING, ANY, List.of("usr/local/share/.cache/yarn", "root/.cache/yarn",
                            "home/*/.cache/yarn", "root/.yarn/berry/cache"), List.of()),
            PathRule.of("package-cache", "Go build and module cache",
                    "build in another stage, or use a cache mount for /root/.cache/go-build", Severity.WARNING, ANY,
                    List.of("root/.cache/go-build", "home/*/.cache/go-build", "go/pkg/mod/cache",
                            "root/go/pkg/mod/cache"), List.of()),
            PathRule.of("build-tools", "C/C++ compiler", "compile in a build stage and copy only the result",
                    Severity.WARNING, ANY, List.of("usr/bin/gcc*", "usr/bin/g++*", "usr/bin/cc", "usr/bin/c++",
                            "usr/bin/*-linux-gnu*-gcc*", "usr/bin/*-linux-gnu*-g++*", "usr/bin/clang*", "usr/lib/gcc",
                            "usr/libexec/gcc", "usr/lib/llvm-*"), List.of()),
            PathRule.of("build-tools", "C headers", "install -dev packages only in a build stage", Severity.WARNING,
                    ANY, List.of("usr/include", "usr/local/include"), List.of()),
            PathRule.of("build-tools", "make/cmake", "build in another stage", Severity.WARNING, ANY,
                    List.of("usr/bin/make", "usr/bin/gmake", "usr/bin/cmake", "usr/share/cmake-*"), List.of()),
            PathRule.of("build-tools", "git", "clone in a build stage, or use ADD with a git URL", Severity.WARNING, ANY,
                    List.of("usr/bin/git", "usr/lib/git-core", "usr/libexec/git-core", "usr/share/git-core"), List.of()),
            PathRule.of("build-tools", "Go toolchain", "build in a golang stage and copy only the binary",
                    Severity.WARNING, ANY, List.of("usr/local/go", "usr/lib/go-*"), List.of()),
            PathRule.of("build-tools", "Rust toolchain", "build in a rust stage and copy only the binary",
                    Severity.WARNING, ANY, List.of("usr/local/rustup", "root/.rustup", "usr/local/cargo/registry"),
                    List.of()),
            PathRule.of("docs", "documentation",
                    "drop it with dpkg path-exclude rules or rm in the same RUN (keep the copyright files)",
                    Severity.INFO, SOME, List.of("usr/share/doc", "usr/local/share/doc", "usr/share/gtk-doc"),
                    List.of("usr/share/doc/*/copyright", "usr/local/share/doc/*/copyright")),
            PathRule.of("docs", "man and info pages", "drop them with dpkg path-exclude rules or rm in the same RUN",
                    Severity.INFO, SOME, List.of("usr/share/man", "usr/local/share/man", "usr/share/info"), List.of()),
            PathRule.of("docs", "locale files", "keep only the locales you use (dpkg path-exclude, localepurge)",
                    Severity.INFO, SOME, List.of("usr/share/locale", "usr/share/i18n/locales"), List.of()));

    @Override
    public void detect(ImageAnalysis a, FindingContext context, List<Finding> out) {
        for (PathRule rule : RULES) {
            evaluate(a, rule, out);
        }
    }

    private static void evaluate(ImageAnalysis a, PathRule rule, List<Finding> out) {
        PathTrie trie = a.trie();
        BitSet counted = new BitSet();
        long[] byLayer = new long[a.layerCount()];
        TopPaths top = new TopPaths(Findings.MAX_PATHS);
        for (PathGlob pattern : rule.include()) {
            int start = trie.find(pattern.literalPrefix());
            if (start < 0 || !a.exists(start)) {
                continue;
            }
            Deque<Integer> stack = new ArrayDeque<>();
            stack.push(start);
            while (!stack.isEmpty()) {
                int node = stack.pop();
                if (pattern.matches(trie.path(node))) {
                    if (!counted.get(node) && !excluded(a, rule, node)) {
                        counted.set(node);
                        long bytes = collect(a, rule, node, byLayer);
                        top.add(node, bytes);
                    }
                    continue;
                }
                for (int child : a.children(node)) {
                    stack.push(child);
                }
            }
        }
        if (top.count == 0 || top.bytes < rule.minBytes()) {
            return;
        }
        int layer = 0;
        for (int l = 1; l < byLayer.length; l++) {
            if (byLayer[l] > byLayer[layer]) {
                layer = l;
            }
        }
        boolean inBase = layer < a.base().map(b -> b.layers()).orElse(0);
        Severity severity = inBase ? Severity.INFO : rule.severity();
        String message = rule.what() + " in the final image (" + Bytes.human(top.bytes) + ", added by "
                + Findings.stepLabel(a, layer) + "): " + rule.advice() + (inBase ? " (from the base image)" : "");
        out.add(new Finding(rule.code(), severity, message, top.bytes, layer, a.layers().get(layer).step(), -1, "",
                top.paths(trie), top.count));
    }

    /** Visible bytes at and below a matched node, minus excluded files, added up per providing layer. */
    private static long collect(ImageAnalysis a, PathRule rule, int top, long[] byLayer) {
        long total = 0;
        Deque<Integer> stack = new ArrayDeque<>();
        stack.push(top);
        while (!stack.isEmpty()) {
            int node = stack.pop();
            if (a.isDirectory(node)) {
                for (int child : a.children(node)) {
                    stack.push(child);
                }
                continue;
            }
            if (excluded(a, rule, node)) {
                continue;
            }
            long bytes = a.subtreeBytes(node);
            total += bytes;
            byLayer[a.finalLayer(node)] += bytes;
        }
        return total;
    }

    private static boolean excluded(ImageAnalysis a, PathRule rule, int node) {
        for (PathGlob pattern : rule.exclude()) {
            if (pattern.matches(a.trie().path(node))) {
                return true;
            }
        }
        return false;
    }
}
