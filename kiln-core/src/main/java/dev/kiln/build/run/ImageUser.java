package dev.kiln.build.run;

import dev.kiln.KilnException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns an image's {@code USER} value ({@code name}, {@code uid}, {@code name:group}, {@code uid:gid})
 * into numbers using the root filesystem's own {@code /etc/passwd} and {@code /etc/group}, the way
 * Docker's runtimes do: a numeric uid missing from passwd is fine (gid 0), an unknown name is an
 * error, and without an explicit group the user gets the supplementary groups that list its name.
 */
public final class ImageUser {

    private ImageUser() {
    }

    public static ProcessUser resolve(String user, RootfsView root) throws SandboxException {
        String spec = user == null ? "" : user.strip();
        String userPart = spec;
        String groupPart = null;
        int colon = spec.indexOf(':');
        if (colon >= 0) {
            userPart = spec.substring(0, colon);
            groupPart = spec.substring(colon + 1);
        }
        if (userPart.isEmpty()) {
            userPart = "0";
        }
        List<String[]> passwd = table(root, "/etc/passwd", 7);
        List<String[]> groups = table(root, "/etc/group", 4);

        Optional<String[]> entry = find(passwd, userPart);
        int uid;
        int gid;
        String name;
        if (entry.isPresent()) {
            name = entry.get()[0];
            uid = number(entry.get()[2], "/etc/passwd uid of " + name);
            gid = number(entry.get()[3], "/etc/passwd gid of " + name);
        } else if (isNumber(userPart)) {
            name = null;
            uid = number(userPart, "user");
            gid = 0;
        } else {
            throw new SandboxException(KilnException.Kind.BAD_INPUT,
                    "user '" + userPart + "' is not in the image's /etc/passwd");
        }
        if (groupPart != null && !groupPart.isEmpty()) {
            Optional<String[]> group = find(groups, groupPart);
            if (group.isPresent()) {
                gid = number(group.get()[2], "/etc/group gid of " + group.get()[0]);
            } else if (isNumber(groupPart)) {
                gid = number(groupPart, "group");
            } else {
                throw new SandboxException(KilnException.Kind.BAD_INPUT,
                        "group '" + groupPart + "' is not in the image's /etc/group");
            }
            return new ProcessUser(uid, gid, List.of());
        }
        Set<Integer> extra = new LinkedHashSet<>();
        if (name != null) {
            for (String[] group : groups) {
                for (String member : group[3].split(",")) {
                    if (member.strip().equals(name) && isNumber(group[2])) {
                        int id = Integer.parseInt(group[2]);
                        if (id != gid) {
                            extra.add(id);
                        }
                    }
                }
            }
        }
        return new ProcessUser(uid, gid, new ArrayList<>(extra));
    }

    private static Optional<String[]> find(List<String[]> table, String key) {
        for (String[] row : table) {
            if (row[0].equals(key)) {
                return Optional.of(row);
            }
        }
        if (isNumber(key)) {
            for (String[] row : table) {
                if (row[2].equals(key)) {
                    return Optional.of(row);
                }
            }
        }
        return Optional.empty();
    }

    private static List<String[]> table(RootfsView root, String path, int fields) throws SandboxException {
        Optional<String> text;
        try {
            text = root.readString(path);
        } catch (IOException e) {
            throw new SandboxException(KilnException.Kind.FAILURE, "cannot read the image's " + path + ": " + e.getMessage(), e);
        }
        List<String[]> rows = new ArrayList<>();
        for (String line : text.orElse("").split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split(":", -1);
            if (parts.length >= fields - 1) {
                String[] row = java.util.Arrays.copyOf(parts, fields);
                for (int i = 0; i < fields; i++) {
                    row[i] = row[i] == null ? "" : row[i];
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static boolean isNumber(String text) {
        return !text.isEmpty() && text.length() < 11 && text.chars().allMatch(Character::isDigit)
                && Long.parseLong(text) <= Integer.MAX_VALUE;
    }

    private static int number(String text, String what) throws SandboxException {
        if (!isNumber(text)) {
            throw new SandboxException(KilnException.Kind.BAD_INPUT, "invalid " + what + ": '" + text + "'");
        }
        return Integer.parseInt(text);
    }
}
