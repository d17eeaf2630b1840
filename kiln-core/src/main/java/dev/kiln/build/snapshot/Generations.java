package dev.kiln.build.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Inode generation numbers of directories (e2fsprogs {@code lsattr -d -v}), which tell a directory
 * removed and made anew from the same one even when the file system hands out the freed inode number
 * again, as ext4 does. Unknown (-1) where the file system does not keep them.
 */
final class Generations {

    private static final int BATCH = 500;

    private Generations() {
    }

    static Map<String, Long> of(Path root, List<String> relativeDirs) throws IOException {
        Map<String, Long> result = new HashMap<>();
        Path lsattr = Path.of("/usr/bin/lsattr");
        if (!Files.isExecutable(lsattr)) {
            lsattr = Path.of("/bin/lsattr");
            if (!Files.isExecutable(lsattr)) {
                return result;
            }
        }
        for (int start = 0; start < relativeDirs.size(); start += BATCH) {
            List<String> batch = relativeDirs.subList(start, Math.min(relativeDirs.size(), start + BATCH));
            List<String> command = new ArrayList<>(List.of(lsattr.toString(), "-d", "-v", "--"));
            for (String dir : batch) {
                command.add(dir.isEmpty() ? "." : "./" + dir);
            }
            Process process = new ProcessBuilder(command).directory(root.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            process.getOutputStream().close();
            try (InputStream in = process.getInputStream()) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    String[] fields = line.strip().split("\\s+", 3);
                    if (fields.length == 3 && fields[0].chars().allMatch(Character::isDigit) && fields[2].startsWith(".")) {
                        String path = fields[2].equals(".") ? "" : fields[2].substring(2);
                        result.put(path, Long.parseLong(fields[0]));
                    }
                }
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while reading inode generations", e);
            } catch (NumberFormatException e) {
                // an odd line (a name with a newline): that directory stays unknown
            }
        }
        return result;
    }
}
