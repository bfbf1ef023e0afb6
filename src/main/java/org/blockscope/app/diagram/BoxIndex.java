package org.blockscope.app.diagram;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * A uniform grid over boxes, so that "which boxes touch this rectangle" costs what lies near it
 * rather than the whole network: the router asks it for the obstacles along an edge, the canvas for
 * the boxes in view. Cells are about two boxes wide; a box is filed in every cell it overlaps.
 */
public final class BoxIndex {

    private static final int MAX_CELLS = 1 << 22;

    private final List<Box> boxes;
    private final Box[] now;
    private final double x0;
    private final double y0;
    private final double cell;
    private final int cols;
    private final int rows;
    private final int[][] cells;
    private final int[] counts;
    private final int[] stamps;
    private int stamp;

    public BoxIndex(List<Box> boxes) {
        this.boxes = List.copyOf(boxes);
        this.now = this.boxes.toArray(Box[]::new);
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        double size = 0;
        for (Box b : boxes) {
            minX = Math.min(minX, b.x());
            minY = Math.min(minY, b.y());
            maxX = Math.max(maxX, b.maxX());
            maxY = Math.max(maxY, b.maxY());
            size += Math.max(b.width(), b.height());
        }
        if (boxes.isEmpty()) {
            minX = minY = maxX = maxY = 0;
        }
        double c = Math.max(1, boxes.isEmpty() ? 1 : 2 * size / boxes.size());
        double w = Math.max(1, maxX - minX);
        double h = Math.max(1, maxY - minY);
        while ((w / c + 1) * (h / c + 1) > MAX_CELLS) {
            c *= 2;
        }
        x0 = minX;
        y0 = minY;
        cell = c;
        cols = (int) (w / c) + 1;
        rows = (int) (h / c) + 1;
        cells = new int[cols * rows][];
        counts = new int[cols * rows];
        stamps = new int[boxes.size()];
        for (int i = 0; i < boxes.size(); i++) {
            int id = i;
            Box b = boxes.get(i);
            cellsOf(b.x(), b.y(), b.maxX(), b.maxY(), k -> add(k, id));
        }
    }

    public int size() {
        return boxes.size();
    }

    public Box box(int id) {
        return now[id];
    }

    /** Box {@code id} moved or changed size: it is filed again where it now lies. */
    public void replace(int id, Box b) {
        Box old = now[id];
        cellsOf(old.x(), old.y(), old.maxX(), old.maxY(), k -> {
            int[] c = cells[k];
            for (int i = 0; i < counts[k]; i++) {
                if (c[i] == id) {
                    c[i] = c[--counts[k]];
                    break;
                }
            }
        });
        now[id] = b;
        cellsOf(b.x(), b.y(), b.maxX(), b.maxY(), k -> add(k, id));
    }

    private void add(int k, int id) {
        int[] c = cells[k];
        if (c == null) {
            c = cells[k] = new int[4];
        } else if (counts[k] == c.length) {
            c = cells[k] = Arrays.copyOf(c, c.length * 2);
        }
        c[counts[k]++] = id;
    }

    private void cellsOf(double minX, double minY, double maxX, double maxY, IntConsumer k) {
        int c0 = clamp((minX - x0) / cell, cols);
        int c1 = clamp((maxX - x0) / cell, cols);
        int r0 = clamp((minY - y0) / cell, rows);
        int r1 = clamp((maxY - y0) / cell, rows);
        for (int r = r0; r <= r1; r++) {
            for (int c = c0; c <= c1; c++) {
                k.accept(r * cols + c);
            }
        }
    }

    private static int clamp(double v, int n) {
        return v <= 0 ? 0 : v >= n - 1 ? n - 1 : (int) v;
    }

    /** Calls {@code out} once with the id of every box that meets the closed rectangle. */
    public void query(double minX, double minY, double maxX, double maxY, IntConsumer out) {
        if (boxes.isEmpty() || minX > maxX || minY > maxY) {
            return;
        }
        if (++stamp == 0) {
            Arrays.fill(stamps, 0);
            stamp = 1;
        }
        int s = stamp;
        cellsOf(minX, minY, maxX, maxY, k -> {
            int[] c = cells[k];
            for (int i = 0; i < counts[k]; i++) {
                int id = c[i];
                if (stamps[id] != s) {
                    stamps[id] = s;
                    Box b = now[id];
                    if (b.x() <= maxX && b.maxX() >= minX && b.y() <= maxY && b.maxY() >= minY) {
                        out.accept(id);
                    }
                }
            }
        });
    }
}
