package dev.kiln.lint.rules;

import java.util.List;
import java.util.Locale;

/** File names ADD would unpack (tar, possibly compressed), and URL sources. */
final class Archives {

    private static final List<String> EXTENSIONS = List.of(".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tbz",
            ".tb2", ".tar.xz", ".txz", ".tar.zst", ".tzst", ".tar.lz", ".tlz", ".tar.lzma", ".tar.z", ".taz", ".tz",
            ".gz", ".bz2", ".xz", ".lz", ".lzma", ".z", ".zst");

    private Archives() {
    }

    static boolean isArchive(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        for (String e : EXTENSIONS) {
            if (p.endsWith(e)) {
                return true;
            }
        }
        return false;
    }

    static boolean isUrl(String source) {
        String s = source.toLowerCase(Locale.ROOT);
        return s.startsWith("http://") || s.startsWith("https://") || s.startsWith("git@") || s.startsWith("git://")
                || s.startsWith("ssh://");
    }

    /** The last path component ({@code /tmp/app.tar.gz} → {@code app.tar.gz}). */
    static String basename(String path) {
        String p = path;
        while (p.endsWith("/") && p.length() > 1) {
            p = p.substring(0, p.length() - 1);
        }
        int slash = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
        return slash >= 0 ? p.substring(slash + 1) : p;
    }
}
