package dev.kiln.build.executor;

import dev.kiln.KilnException;
import dev.kiln.build.context.BuildException;
import dev.kiln.dockerfile.ast.Dockerfile;
import dev.kiln.dockerfile.ast.Instruction;
import dev.kiln.dockerfile.ast.RunInstruction;
import dev.kiln.dockerfile.ast.RunMount;
import dev.kiln.dockerfile.ast.Stage;
import java.util.List;
import java.util.Set;

/**
 * {@code RUN --mount=type=secret|ssh,required=true} whose id the command line does not supply: said
 * before any step runs, naming the Dockerfile line, rather than after the stages before it have run.
 * Ids written with a variable are left to the step itself, which sees the stage's scope.
 */
public final class RequiredMounts {

    private RequiredMounts() {
    }

    /** Checks the RUN instructions of {@code stages} against the given secret ids and ssh agent ids. */
    public static void check(Dockerfile dockerfile, List<Stage> stages, Set<String> secrets, Set<String> sshAgents)
            throws KilnException {
        for (Stage stage : stages) {
            for (Instruction instruction : stage.instructions()) {
                if (!(instruction instanceof RunInstruction run)) {
                    continue;
                }
                String where = dockerfile.fileName() + ":" + run.range().start().line();
                for (RunMount mount : run.mounts()) {
                    if (mount instanceof RunMount.Secret secret && secret.required()) {
                        String id = secretId(secret);
                        if (!id.contains("$") && !secrets.contains(id)) {
                            throw missingSecret(where, id);
                        }
                    } else if (mount instanceof RunMount.Ssh ssh && ssh.required()) {
                        String id = ssh.id().filter(v -> !v.isEmpty()).orElse("default");
                        if (!id.contains("$") && !sshAgents.contains(id)) {
                            throw missingSsh(where, id);
                        }
                    }
                }
            }
        }
    }

    /** BuildKit's id of a secret mount: {@code id=}, else the last element of {@code target=}. */
    static String secretId(RunMount.Secret secret) {
        return secret.id().orElseGet(() -> secret.target().map(t -> t.substring(t.lastIndexOf('/') + 1)).orElse(""));
    }

    static BuildException missingSecret(String where, String id) {
        return new BuildException(where + ": secret '" + id + "' is required but no --secret id=" + id + " was given");
    }

    static BuildException missingSsh(String where, String id) {
        return new BuildException(where + ": ssh '" + id + "' is required but no --ssh " + id
                + (id.equals("default") ? "" : "=SOCKET") + " was given");
    }
}
