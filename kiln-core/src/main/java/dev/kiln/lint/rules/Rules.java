package dev.kiln.lint.rules;

import dev.kiln.lint.Rule;
import java.util.List;

/**
 * Every rule kiln has, in code order. hadolint's DL3024 (duplicate stage names), DL3043 (ONBUILD
 * ONBUILD/FROM/MAINTAINER) and DL3061 (instructions before FROM) are not here: BuildKit rejects those
 * files, so the parser reports them as located parse errors (exit 2). DL3005, DL3017, DL3031 and
 * DL3039 were removed from hadolint and are not reused.
 */
public final class Rules {

    private Rules() {
    }

    public static List<Rule> all() {
        return List.of(
                new InlineIgnorePragma(),
                new WorkdirAbsolute(),
                new PointlessCommand(),
                new LastUserRoot(),
                new CdInRun(),
                new Sudo(),
                new UntaggedImage(),
                new LatestTag(),
                new AptPin(),
                new AptListsCleanup(),
                new AddForArchives(),
                new ExposePortRange(),
                new MultipleHealthchecks(),
                new PipPin(),
                new AptYes(),
                new AptNoInstallRecommends(),
                new NpmPin(),
                new ApkPin(),
                new ApkNoCache(),
                new AddInsteadOfCopy(),
                new CopyMultipleToDirectory(),
                new CopyFromUnknownStage(),
                new CopyFromOwnStage(),
                new ExecFormCommand(),
                new TrustedRegistry(),
                new AptCommand(),
                new GemPin(),
                new FromPlatform(),
                new YumYes(),
                new YumClean(),
                new YumPin(),
                new ZypperNonInteractive(),
                new ZypperDistUpgrade(),
                new ZypperClean(),
                new ZypperPin(),
                new DnfYes(),
                new DnfClean(),
                new DnfPin(),
                new PipNoCacheDir(),
                new EnvSelfReference(),
                new CopyRelativeWithoutWorkdir(),
                new UseraddLongUid(),
                new WgetProgress(),
                new LabelKey(),
                new LabelMissing(),
                new LabelSuperfluous(),
                new LabelEmpty(),
                new LabelUrl(),
                new LabelRfc3339(),
                new LabelSpdx(),
                new LabelGitHash(),
                new LabelSemver(),
                new MissingHealthcheck(),
                new LabelEmail(),
                new ConsecutiveRuns(),
                new YarnCacheClean(),
                new GoInstallPin(),
                new ReservedStageName(),
                new SensitiveArgEnv(),
                new RedundantTargetPlatform(),
                new NonNumericUser(),
                new CopyWholeFilesystem(),
                new Maintainer(),
                new WgetAndCurl(),
                new MultipleCmd(),
                new MultipleEntrypoint(),
                new LnBinSh(),
                new Pipefail(),
                new NoUser(),
                new NoInit(),
                new DeletedInLaterRun(),
                new BuildPackagesLeft(),
                new RpmSlimInstall(),
                new ZypperNoRecommends(),
                new SdkFinalImage(),
                new SlimVariant(),
                new PackageCacheLeft(),
                new WorldWritable());
    }
}
