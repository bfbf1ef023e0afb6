package org.blockscope.app.model;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.stream.Stream;
import org.blockscope.graph.Graph;
import org.blockscope.io.GraphFileException;
import org.blockscope.io.GraphFiles;

/**
 * Crash recovery: while the document has unsaved changes, a copy is written every few seconds to
 * {@code recovery/<session>.bsg.json} (atomically, through {@link GraphFiles#write}); a clean save
 * or exit deletes it. Each running session holds a lock on {@code <session>.lock}, so a recovery
 * file whose lock is free was left by a session that died: the next start offers it.
 * Writes and deletes run in order on {@code io}, never on the UI thread.
 */
public final class Recovery {

    /** A recovery file left behind, and the file the user had open then (if any). */
    public record Found(Path file, Optional<Path> original) {}

    private final Path dir;
    private final String session;
    private final Executor io;
    private FileChannel lockChannel;
    private FileLock lock;
    private long writtenRevision = -1;

    public Recovery(Path dir, Executor io) {
        this.dir = dir;
        this.session = UUID.randomUUID().toString().substring(0, 8);
        this.io = io;
    }

    public Path file() {
        return dir.resolve(session + GraphFiles.EXTENSION);
    }

    /** Takes this session's lock; call once at start, before {@link #leftBehind()}. */
    public void start() {
        try {
            Files.createDirectories(dir);
            lockChannel = FileChannel.open(
                    dir.resolve(session + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = lockChannel.tryLock();
        } catch (IOException e) {
            lock = null; // recovery then simply does not protect this session
        }
    }

    /** Recovery files of sessions that are no longer running. */
    public List<Found> leftBehind() {
        List<Found> found = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return found;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(GraphFiles.EXTENSION))
                    .sorted()
                    .toList()) {
                String id = f.getFileName().toString().replace(GraphFiles.EXTENSION, "");
                if (!id.equals(session) && !isLive(id)) {
                    found.add(new Found(f, original(id)));
                }
            }
        } catch (IOException e) {
            // an unreadable folder has nothing to offer
        }
        return found;
    }

    private boolean isLive(String id) {
        Path lockFile = dir.resolve(id + ".lock");
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (FileChannel c = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock l = c.tryLock();
            if (l == null) {
                return true;
            }
            l.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true; // held by this very process (another window)
        } catch (IOException e) {
            return false;
        }
    }

    private Optional<Path> original(String id) {
        try {
            Path p = dir.resolve(id + ".path");
            return Files.exists(p)
                    ? Optional.of(
                            Path.of(Files.readString(p, StandardCharsets.UTF_8).strip()))
                    : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public Graph read(Found f) throws GraphFileException {
        return GraphFiles.read(f.file());
    }

    /** Deletes a left-behind recovery file and its companions. */
    public void discard(Found f) {
        String id = f.file().getFileName().toString().replace(GraphFiles.EXTENSION, "");
        io.execute(() -> deleteAll(id));
    }

    /** Writes the copy if the document is dirty and changed since the last copy. */
    public void autosave(Graph g, long revision, boolean dirty, Optional<Path> original) {
        if (!dirty) {
            if (writtenRevision != -1) {
                clear();
            }
            return;
        }
        if (revision == writtenRevision) {
            return;
        }
        writtenRevision = revision;
        io.execute(() -> {
            try {
                Files.createDirectories(dir);
                GraphFiles.write(g, file());
                Path meta = dir.resolve(session + ".path");
                if (original.isPresent()) {
                    Files.writeString(meta, original.get().toAbsolutePath().toString(), StandardCharsets.UTF_8);
                } else {
                    Files.deleteIfExists(meta);
                }
            } catch (GraphFileException | IOException e) {
                // the next tick tries again; the user's own file is untouched
            }
        });
    }

    /** After a clean save: no copy needed. */
    public void clear() {
        writtenRevision = -1;
        io.execute(() -> deleteAll(session));
    }

    /** On a clean exit: delete the copy and release the lock. */
    public void stop() {
        clear();
        io.execute(() -> {
            try {
                if (lock != null) {
                    lock.release();
                }
                if (lockChannel != null) {
                    lockChannel.close();
                }
                Files.deleteIfExists(dir.resolve(session + ".lock"));
            } catch (IOException e) {
                // nothing to do on exit
            }
        });
    }

    private void deleteAll(String id) {
        for (String ext : List.of(GraphFiles.EXTENSION, ".path")) {
            try {
                Files.deleteIfExists(dir.resolve(id + ext));
            } catch (IOException e) {
                // left for the next start to offer or discard
            }
        }
        if (!id.equals(session)) {
            try {
                Files.deleteIfExists(dir.resolve(id + ".lock"));
            } catch (IOException e) {
                // harmless
            }
        }
    }
}
