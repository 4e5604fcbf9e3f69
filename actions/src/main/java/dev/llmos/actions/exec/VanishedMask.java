package dev.llmos.actions.exec;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * bwrap stopped before the program ran because a name it was to mask is gone: the secret was
 * removed after the masks were expanded (any user can make and remove a file that matches a
 * secret pattern in their home), so the read-only view has nothing to mount /dev/null over and
 * bwrap cannot create it. nothing of the program ran; the view can be built again.
 */
final class VanishedMask {

    private static final Pattern SETUP = Pattern.compile("bwrap: Can't (?:create file|mkdir|create directory) at (/.*?): [^\\n]*\\n?");

    private VanishedMask() {
    }

    /** whether {@code r} is bwrap's own failure to mask one of the view's paths that no longer exists. */
    static boolean stopped(ProcessRunner.Result r, Sandbox.View view) {
        if (r.timedOut() || r.exitCode() != 1 || r.stdout().totalBytes() != 0) {
            return false;
        }
        Matcher m = SETUP.matcher(r.stderr().text());
        if (!m.matches()) {
            return false;
        }
        String path = m.group(1);
        return view.masked().contains(path) && !Files.exists(Path.of(path), LinkOption.NOFOLLOW_LINKS);
    }
}
