package org.blockscope.app.archfixture;

/**
 * Breaks every app rule on purpose (a view-model holding a scene node, the app reaching into the
 * command line and into ND4J), so the architecture test can show its rules fail on it.
 */
public class BrokenViewModel {
    public javafx.scene.Node node;
    public org.blockscope.cli.BlockscopeCli cli;
    public org.nd4j.linalg.api.ndarray.INDArray array;
}
