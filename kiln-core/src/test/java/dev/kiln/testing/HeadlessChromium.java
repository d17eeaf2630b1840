package dev.kiln.testing;

import java.nio.file.Path;
import java.util.List;

/**
 * Opens a local HTML file in Debian's chromium, headless, with everything that phones home switched
 * off, and returns the DOM after the page's scripts ran.
 */
public final class HeadlessChromium {

    private HeadlessChromium() {
    }

    /** The serialised DOM of the page after load; {@code profile} is a fresh user-data directory. */
    public static String dumpDom(Path html, Path profile) {
        Path chromium = Tools.require("chromium");
        ExternalCommand.Result result = ExternalCommand.run(null, List.of(chromium.toString(), "--headless",
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-dev-shm-usage", "--window-size=1280,2000",
                "--user-data-dir=" + profile, "--virtual-time-budget=5000", "--dump-dom",
                html.toUri().toString()));
        if (result.exitCode() != 0) {
            throw new AssertionError("chromium exited " + result.exitCode() + ": " + result.stderr());
        }
        return result.out();
    }
}
