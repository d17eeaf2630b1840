package dev.kiln.build.run;

import java.util.List;

/**
 * The numeric identity a sandboxed process runs as, already resolved against the image's
 * {@code /etc/passwd} and {@code /etc/group} (see {@link ImageUser}).
 *
 * @param additionalGids supplementary groups, without {@code gid} itself
 */
public record ProcessUser(int uid, int gid, List<Integer> additionalGids) {

    public static final ProcessUser ROOT = new ProcessUser(0, 0, List.of());

    public ProcessUser {
        if (uid < 0 || gid < 0) {
            throw new IllegalArgumentException("uid and gid must not be negative: " + uid + ":" + gid);
        }
        additionalGids = List.copyOf(additionalGids);
    }

    public boolean isRoot() {
        return uid == 0;
    }
}
