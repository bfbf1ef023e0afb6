package org.blockscope.engine.data;

/** One input file that was not loaded, with the reason ({@code 3/00017.png: not a readable image}). */
public record Skipped(String file, String reason) {

    @Override
    public String toString() {
        return file + ": " + reason;
    }
}
