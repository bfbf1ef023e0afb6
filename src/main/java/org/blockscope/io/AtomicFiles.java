package org.blockscope.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * Replaces a file as a whole or not at all: the content goes to a temporary file in the same folder
 * ({@code .<name>.<16 hex digits>.tmp}), which is forced to disk and then renamed over the target in
 * one atomic move; the folder is synced so the rename itself is durable. Whatever happens (an
 * exception, a crash, {@code kill -9}), the target is either the old file or the complete new one.
 *
 * <p>The writer holds an exclusive lock on its temporary file. A process that dies mid-write leaves
 * its temporary file behind, unlocked: the next save of the same target deletes such stale files
 * (a temporary file another live process is still writing stays locked and is left alone).
 */
public final class AtomicFiles {

    /** Writes the whole content; the stream is buffered and must not be closed by the caller. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {}

    /**
     * Writes {@code content} to {@code target} atomically, keeping the old file's POSIX permissions.
     *
     * @throws IOException when the folder cannot be written or {@code content} fails; the target is
     *                     then unchanged and the temporary file is gone
     */
    public static void replace(Path target, Content content) throws IOException {
        Path file = target.toAbsolutePath();
        Path dir = file.getParent();
        String name = file.getFileName().toString();
        removeStaleTemporaries(dir, name);
        Path temp = dir.resolve("." + name + "." + String.format("%016x", RANDOM.nextLong()) + ".tmp");
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    FileLock lock = channel.lock()) {
                keepPermissions(file, temp);
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            // closed first (Windows cannot rename an open file); only a second save of the same target
            // running at this very moment could take the unlocked file for a stale one
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
            syncDirectory(dir);
        } finally {
            if (!moved) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // nothing more we can do; the old file is untouched either way, the next save cleans up
                }
            }
        }
    }

    /**
     * Deletes temporary files a killed writer left next to {@code name} (ours, and {@code name.tmp}
     * from earlier versions), unless a live writer still holds their lock.
     *
     * @return how many were deleted
     */
    public static int removeStaleTemporaries(Path dir, String name) {
        Pattern ours = Pattern.compile("\\." + Pattern.quote(name) + "\\.[0-9a-f]{16}\\.tmp");
        String legacy = name + ".tmp";
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path p : files) {
                String n = p.getFileName().toString();
                if ((ours.matcher(n).matches() || n.equals(legacy)) && Files.isRegularFile(p) && unlocked(p)) {
                    if (Files.deleteIfExists(p)) {
                        removed++;
                    }
                }
            }
        } catch (IOException ignored) {
            // a folder we cannot list: the save itself will report the problem
        }
        return removed;
    }

    private static boolean unlocked(Path p) {
        try (FileChannel c = FileChannel.open(p, StandardOpenOption.WRITE)) {
            FileLock lock = c.tryLock();
            if (lock == null) {
                return false; // another process is writing it
            }
            lock.release();
            return true;
        } catch (OverlappingFileLockException e) {
            return false; // this process is writing it
        } catch (IOException e) {
            return false;
        }
    }

    private static void keepPermissions(Path from, Path to) {
        try {
            PosixFileAttributeView view = Files.getFileAttributeView(from, PosixFileAttributeView.class);
            if (view != null && Files.exists(from)) {
                Files.setPosixFilePermissions(to, view.readAttributes().permissions());
            }
        } catch (IOException | UnsupportedOperationException ignored) {
            // best effort: the new file gets the default permissions
        }
    }

    /** Makes the rename itself durable (POSIX); not possible on every platform, so best effort. */
    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // e.g. Windows cannot open a directory as a channel
        }
    }
}
