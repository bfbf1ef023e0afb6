package org.blockscope.app.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the app keeps its own files: {@code ~/.blockscope} unless the system property
 * {@code blockscope.home} says otherwise (tests use a temporary folder). Holds the recent-files
 * list; recovery files live in {@code recovery/}.
 */
public final class AppHome {

    public static final int MAX_RECENT = 10;
    private final Path dir;

    public AppHome(Path dir) {
        this.dir = dir;
    }

    public static AppHome fromSystem() {
        return new AppHome(org.blockscope.io.AppPaths.userHome());
    }

    public Path dir() {
        return dir;
    }

    public Path recoveryDir() {
        return dir.resolve("recovery");
    }

    private Path recentFile() {
        return dir.resolve("recent.txt");
    }

    /** Most recent first; files that no longer exist are left out. */
    public List<Path> recent() {
        try {
            if (!Files.exists(recentFile())) {
                return List.of();
            }
            return Files.readAllLines(recentFile(), StandardCharsets.UTF_8).stream()
                    .filter(s -> !s.isBlank())
                    .map(Path::of)
                    .filter(Files::exists)
                    .toList();
        } catch (IOException | RuntimeException e) {
            return List.of(); // a damaged list is not worth an error dialog
        }
    }

    /** Puts {@code file} first in the recent list. */
    public List<Path> addRecent(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        List<Path> list = new ArrayList<>(recent());
        list.remove(abs);
        list.add(0, abs);
        while (list.size() > MAX_RECENT) {
            list.remove(list.size() - 1);
        }
        try {
            Files.createDirectories(dir);
            Files.write(recentFile(), list.stream().map(Path::toString).toList(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            // the list is a convenience; not being able to store it must not stop a save or open
        }
        return list;
    }
}
