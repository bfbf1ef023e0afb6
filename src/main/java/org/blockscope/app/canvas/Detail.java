package org.blockscope.app.canvas;

import org.blockscope.app.diagram.SkinGeometry;

/**
 * Semantic zoom: how much a box shows at a given scale so that no text falls under the readable
 * size on screen ({@code minPx}: 11 px, 16.5 in presenter mode). FULL shows every line; NAME only
 * the name and the output shape, larger; OUTLINE collapses repeated stages and writes names at a
 * size computed from the scale (or leaves them out when they do not fit).
 */
enum Detail {
    FULL,
    NAME,
    OUTLINE;

    static final double MIN_PX = 11;
    static final double PRESENTER_FACTOR = 1.5;

    static Detail at(double scale, double minPx) {
        if (scale * SkinGeometry.TEXT_FONT >= minPx - 1e-9) {
            return FULL;
        }
        if (scale * SkinGeometry.NAME_SHAPE_FONT >= minPx - 1e-9) {
            return NAME;
        }
        return OUTLINE;
    }

    /** The smallest scale at which names and shapes are still written: Fit never goes below it. */
    static double floor(double minPx) {
        return minPx / SkinGeometry.NAME_SHAPE_FONT;
    }
}
