package dev.kiln.build.executor;

import dev.kiln.build.context.BuildException;
import dev.kiln.build.run.RootfsView;
import java.io.IOException;
import java.util.Optional;

/**
 * {@code --chown=user[:group]} as numbers. Names are looked up in the image's own {@code /etc/passwd}
 * and {@code /etc/group}; as Docker documents, a user without a group also gives the group its
 * numeric id.
 */
public record Chown(int uid, int gid) {

    public static Chown resolve(String spec, RootfsView root, String where) throws BuildException {
        String user = spec;
        String group = null;
        int colon = spec.indexOf(':');
        if (colon >= 0) {
            user = spec.substring(0, colon);
            group = spec.substring(colon + 1);
        }
        if (user.isEmpty()) {
            throw new BuildException(where + ": --chown needs a user: '" + spec + "'");
        }
        int uid = id(user, root, "/etc/passwd", where);
        int gid = group == null || group.isEmpty() ? uid : id(group, root, "/etc/group", where);
        return new Chown(uid, gid);
    }

    private static int id(String name, RootfsView root, String table, String where) throws BuildException {
        if (name.chars().allMatch(Character::isDigit) && name.length() < 10) {
            return Integer.parseInt(name);
        }
        Optional<String> text;
        try {
            text = root == null ? Optional.empty() : root.readString(table);
        } catch (IOException e) {
            throw new BuildException(where + ": cannot read the image's " + table + ": " + e.getMessage());
        }
        for (String line : text.orElse("").split("\n")) {
            String[] fields = line.split(":", -1);
            if (fields.length >= 3 && fields[0].equals(name) && fields[2].chars().allMatch(Character::isDigit)
                    && !fields[2].isEmpty()) {
                return Integer.parseInt(fields[2]);
            }
        }
        throw new BuildException(where + ": --chown: '" + name + "' is not in the image's " + table);
    }
}
