package org.blockscope.io;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where Blockscope's files live on this machine.
 *
 * <p><b>Bundled sample images</b> ({@link #sampleImages()}), first match wins:
 * <ol>
 *   <li>the system property {@value #SAMPLES_PROPERTY}, if set: that directory (empty if it is
 *       not a directory — an explicit setting is never second-guessed);</li>
 *   <li>inside the installed app, found from the {@value #APP_PATH_PROPERTY} property that
 *       jpackage launchers set to the launcher's path. The installers put {@code sample-images}
 *       next to {@code blockscope.jar} in jpackage's app directory:
 *       Linux {@code /opt/blockscope/bin/Blockscope} → {@code /opt/blockscope/lib/app/sample-images},
 *       macOS {@code Blockscope.app/Contents/MacOS/Blockscope} → {@code Contents/app/sample-images},
 *       Windows {@code Blockscope\Blockscope.exe} → {@code Blockscope\app\sample-images};</li>
 *   <li>next to the jar this class was loaded from ({@code <jar dir>/sample-images}, also
 *       {@code <jar dir>/../sample-images}, i.e. a clone's root when run as
 *       {@code java -jar target/blockscope.jar});</li>
 *   <li>{@code ./sample-images} in the working directory (running from a clone).</li>
 * </ol>
 *
 * <p><b>User directory</b> ({@link #userHome()}): {@code ~/.blockscope}, or the system property
 * {@value #HOME_PROPERTY}; for recent files, autosave recovery and settings. Not created here.
 */
public final class AppPaths {

    /** System property naming the sample-images directory explicitly. */
    public static final String SAMPLES_PROPERTY = "blockscope.samples";
    /** System property replacing {@code ~/.blockscope}. */
    public static final String HOME_PROPERTY = "blockscope.home";
    /** Set by jpackage's native launchers to the launcher executable's path. */
    public static final String APP_PATH_PROPERTY = "jpackage.app-path";
    /** Name of the bundled sample-images directory. */
    public static final String SAMPLES_DIR = "sample-images";
    /** Name of the user directory under the user's home. */
    public static final String USER_DIR = ".blockscope";

    private AppPaths() {}

    /** The bundled sample images, if they can be found (see the class comment for the order). */
    public static Optional<Path> sampleImages() {
        return sampleImages(System::getProperty, codeSourceOf(AppPaths.class), Path.of(""));
    }

    /** {@code ~/.blockscope}, or the directory named by {@value #HOME_PROPERTY}. Not created. */
    public static Path userHome() {
        return userHome(System::getProperty);
    }

    /**
     * The resolution behind {@link #sampleImages()}, with its inputs passed in.
     *
     * @param properties system properties by name (null when unset)
     * @param codeSource the jar (or class directory) the app was loaded from; may be null
     * @param workingDir the working directory
     */
    static Optional<Path> sampleImages(UnaryOperator<String> properties, Path codeSource, Path workingDir) {
        String explicit = properties.apply(SAMPLES_PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            Path p = path(explicit.strip());
            return p != null && Files.isDirectory(p)
                    ? Optional.of(p.toAbsolutePath().normalize())
                    : Optional.empty();
        }
        for (Path candidate : candidates(properties.apply(APP_PATH_PROPERTY), codeSource, workingDir)) {
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate.toAbsolutePath().normalize());
            }
        }
        return Optional.empty();
    }

    /** The places looked at after the explicit property, in order. */
    static List<Path> candidates(String appPath, Path codeSource, Path workingDir) {
        List<Path> out = new ArrayList<>();
        Path launcher = appPath == null || appPath.isBlank() ? null : path(appPath.strip());
        if (launcher != null && launcher.toAbsolutePath().getParent() != null) {
            Path bin = launcher.toAbsolutePath().getParent();
            Path root = bin.getParent();
            if (root != null) {
                out.add(root.resolve("lib").resolve("app").resolve(SAMPLES_DIR)); // Linux
                out.add(root.resolve("app").resolve(SAMPLES_DIR)); // macOS (root = Contents)
            }
            out.add(bin.resolve("app").resolve(SAMPLES_DIR)); // Windows
        }
        if (codeSource != null) {
            Path cs = codeSource.toAbsolutePath();
            Path dir = Files.isDirectory(cs) ? cs : cs.getParent();
            if (dir != null) {
                out.add(dir.resolve(SAMPLES_DIR));
                if (dir.getParent() != null) {
                    out.add(dir.getParent().resolve(SAMPLES_DIR));
                }
            }
        }
        if (workingDir != null) {
            out.add(workingDir.resolve(SAMPLES_DIR));
        }
        return out;
    }

    static Path userHome(UnaryOperator<String> properties) {
        String explicit = properties.apply(HOME_PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            Path p = path(explicit.strip());
            if (p != null) {
                return p.toAbsolutePath().normalize();
            }
        }
        String home = properties.apply("user.home");
        return Path.of(home == null ? "" : home)
                .resolve(USER_DIR)
                .toAbsolutePath()
                .normalize();
    }

    /** The jar or class directory {@code c} was loaded from, or null if that is not a local file. */
    static Path codeSourceOf(Class<?> c) {
        try {
            CodeSource cs = c.getProtectionDomain().getCodeSource();
            if (cs == null
                    || cs.getLocation() == null
                    || !"file".equals(cs.getLocation().getProtocol())) {
                return null;
            }
            return Path.of(cs.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            return null;
        }
    }

    private static Path path(String s) {
        try {
            return Path.of(s);
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
