package dev.kiln.build.executor;

import dev.kiln.build.context.BuildException;

/**
 * {@code --chmod}: octal ({@code 755}, {@code 0644}) or symbolic ({@code u+x,go-w}, {@code a=rX}) as
 * chmod(1) reads it; applied to every copied file and directory.
 */
public final class Chmod {

    private final String spec;
    private final Integer octal;

    private Chmod(String spec, Integer octal) {
        this.spec = spec;
        this.octal = octal;
    }

    public static Chmod parse(String spec, String where) throws BuildException {
        if (spec.matches("[0-7]{1,4}")) {
            return new Chmod(spec, Integer.parseInt(spec, 8));
        }
        if (!spec.matches("([ugoa]*[-+=][rwxXst]*)(,[ugoa]*[-+=][rwxXst]*)*")) {
            throw new BuildException(where + ": invalid --chmod '" + spec + "' (octal like 755 or symbolic like u+x)");
        }
        return new Chmod(spec, null);
    }

    /** The new permission bits of an entry with {@code mode} (07777 bits). */
    public int apply(int mode, boolean directory) {
        if (octal != null) {
            return octal;
        }
        int result = mode;
        for (String clause : spec.split(",")) {
            int op = 0;
            while ("ugoa".indexOf(clause.charAt(op)) >= 0) {
                op++;
            }
            String who = clause.substring(0, op);
            if (who.isEmpty() || who.contains("a")) {
                who = "ugo";
            }
            char operator = clause.charAt(op);
            int bits = 0;
            for (char p : clause.substring(op + 1).toCharArray()) {
                for (char w : who.toCharArray()) {
                    int shift = w == 'u' ? 6 : w == 'g' ? 3 : 0;
                    switch (p) {
                        case 'r' -> bits |= 4 << shift;
                        case 'w' -> bits |= 2 << shift;
                        case 'x' -> bits |= 1 << shift;
                        case 'X' -> {
                            if (directory || (mode & 0111) != 0) {
                                bits |= 1 << shift;
                            }
                        }
                        case 's' -> bits |= w == 'u' ? 04000 : w == 'g' ? 02000 : 0;
                        case 't' -> bits |= 01000;
                        default -> {
                        }
                    }
                }
            }
            int mask = 0;
            for (char w : who.toCharArray()) {
                mask |= w == 'u' ? 04700 : w == 'g' ? 02070 : 01007;
            }
            switch (operator) {
                case '+' -> result |= bits;
                case '-' -> result &= ~bits;
                default -> result = (result & ~mask) | bits;
            }
        }
        return result & 07777;
    }

    @Override
    public String toString() {
        return spec;
    }
}
