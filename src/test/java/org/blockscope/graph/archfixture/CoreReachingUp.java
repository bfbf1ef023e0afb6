package org.blockscope.graph.archfixture;

/** Core code that reaches up into the engine and JavaFX on purpose, for the architecture test. */
public class CoreReachingUp {
    public org.blockscope.engine.compile.Model model;
    public javafx.scene.Node node;
}
