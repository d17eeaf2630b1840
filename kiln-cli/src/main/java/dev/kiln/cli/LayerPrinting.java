package dev.kiln.cli;

import dev.kiln.TerminalText;
import dev.kiln.tar.EntryType;
import dev.kiln.tar.LayerDigests;
import dev.kiln.tar.LayerEntry;
import dev.kiln.tar.Whiteout;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the layer commands print digests and entries. */
final class LayerPrinting {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private LayerPrinting() {
    }

    static void digests(Terminal terminal, LayerDigests d) {
        terminal.out().println("digest:      " + d.digest());
        terminal.out().println("size:        " + d.size());
        terminal.out().println("diff_id:     " + d.diffId());
        terminal.out().println("tar size:    " + d.uncompressedSize());
        terminal.out().println("compression: " + d.compression());
    }

    /** One line in the style of {@code tar -tv}, whiteouts marked. */
    static String entry(LayerEntry e) {
        StringBuilder line = new StringBuilder();
        line.append(e.type() == EntryType.HARDLINK ? 'h' : e.type().lsChar()).append(permissions(e.mode())).append(' ');
        String owner = (e.uname().isEmpty() ? Long.toString(e.uid()) : e.uname()) + "/"
                + (e.gname().isEmpty() ? Long.toString(e.gid()) : e.gname());
        line.append(String.format("%-13s ", owner));
        if (e.type().isDevice()) {
            line.append(String.format("%9s ", e.devMajor() + "," + e.devMinor()));
        } else {
            line.append(String.format("%9d ", e.size()));
        }
        line.append(TIME.format(e.mtime())).append(' ');
        line.append(e.path().isEmpty() ? "./" : e.path());
        if (e.type() == EntryType.DIRECTORY && !e.path().isEmpty()) {
            line.append('/');
        }
        switch (e.type()) {
            case SYMLINK -> line.append(" -> ").append(e.linkTarget());
            case HARDLINK -> line.append(" link to ").append(e.linkTarget());
            default -> {
            }
        }
        if (e.whiteout() == Whiteout.FILE) {
            line.append("  [whiteout: deletes ").append(e.whiteoutTarget()).append(']');
        } else if (e.whiteout() == Whiteout.OPAQUE) {
            line.append("  [opaque: hides lower contents of ")
                    .append(e.whiteoutTarget().isEmpty() ? "/" : e.whiteoutTarget()).append(']');
        }
        if (e.isSparse()) {
            line.append("  [sparse: ").append(e.storedSize()).append(" bytes stored]");
        }
        if (!e.xattrs().isEmpty()) {
            line.append("  [xattrs: ").append(String.join(", ", e.xattrs().keySet())).append(']');
        }
        // names, link targets and owners come from the archive: nothing in them may drive the terminal
        return TerminalText.safe(line.toString());
    }

    static String permissions(int mode) {
        char[] p = "rwxrwxrwx".toCharArray();
        for (int i = 0; i < 9; i++) {
            if ((mode & (1 << (8 - i))) == 0) {
                p[i] = '-';
            }
        }
        if ((mode & 04000) != 0) {
            p[2] = p[2] == 'x' ? 's' : 'S';
        }
        if ((mode & 02000) != 0) {
            p[5] = p[5] == 'x' ? 's' : 'S';
        }
        if ((mode & 01000) != 0) {
            p[8] = p[8] == 'x' ? 't' : 'T';
        }
        return new String(p);
    }
}
